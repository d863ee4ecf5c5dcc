// Tensor math, reductions, shape manipulation, indexing and FFTs.
// Op families are dispatched by a code so the ABI stays small; the codes are mirrored in
// SimEmulator.Torch/Native/OpCodes.cs and must change together.
#include "shim.h"

using namespace shim;

static at::Tensor unary(int32_t op, const at::Tensor& a) {
  switch (op) {
    case 0: return at::neg(a);
    case 1: return at::exp(a);
    case 2: return at::log(a);
    case 3: return at::log1p(a);
    case 4: return at::sqrt(a);
    case 5: return at::abs(a);
    case 6: return at::sin(a);
    case 7: return at::cos(a);
    case 8: return at::tanh(a);
    case 9: return at::sigmoid(a);
    case 10: return at::relu(a);
    case 11: return at::silu(a);
    case 12: return at::floor(a);
    case 13: return at::ceil(a);
    case 14: return at::round(a);
    case 15: return at::sign(a);
    case 16: return at::rsqrt(a);
    case 17: return at::square(a);
    case 18: return at::isnan(a);
    case 19: return at::isfinite(a);
    case 20: return at::logical_not(a);
    case 21: return at::real(a);
    case 22: return at::imag(a);
    case 23: return at::angle(a);
    case 24: return at::conj_physical(a);
    case 25: return at::expm1(a);
    case 26: return at::log10(a);
    case 27: return at::log2(a);
    case 28: return at::reciprocal(a);
    case 29: return at::erf(a);
    case 30: return at::isinf(a);
    case 31: return at::view_as_real(a);
    case 32: return at::view_as_complex(a);
    case 33: return a.contiguous();
    case 34: return a.clone();
    case 35: return a.detach();
    case 36: return at::tan(a);
    case 37: return at::atan(a);
    case 38: return at::sinh(a);
    case 39: return at::cosh(a);
    case 40: return at::trunc(a);
    case 41: return at::frac(a);
    case 42: return at::exp2(a);
    case 43: return at::nonzero(a);
    case 44: return at::asin(a);
    case 45: return at::acos(a);
    case 46: return a;  // a second handle to the same tensor (same autograd identity)
    default: throw std::invalid_argument("unknown unary op " + std::to_string(op));
  }
}

ST_EXPORT int32_t st_unary(int32_t op, TH a, TH* out) { ST_TRY *out = wrap(unary(op, *a)); ST_CATCH }

ST_EXPORT int32_t st_unary_(int32_t op, TH a) {
  ST_TRY
  switch (op) {
    case 0: a->neg_(); break;
    case 1: a->exp_(); break;
    case 2: a->log_(); break;
    case 4: a->sqrt_(); break;
    case 5: a->abs_(); break;
    case 8: a->tanh_(); break;
    case 9: a->sigmoid_(); break;
    case 10: a->relu_(); break;
    case 12: a->floor_(); break;
    case 17: a->square_(); break;
    case 35: a->detach_(); break;
    case 100: a->zero_(); break;
    default: throw std::invalid_argument("unknown in-place unary op " + std::to_string(op));
  }
  ST_CATCH
}

// An integral alpha travels as an integer Scalar: libtorch refuses a floating alpha for integer tensors.
static at::Scalar alpha_scalar(double alpha) {
  return std::floor(alpha) == alpha && std::abs(alpha) < 9.0e15 ? at::Scalar(static_cast<int64_t>(alpha)) : at::Scalar(alpha);
}

static at::Tensor binary(int32_t op, const at::Tensor& a, const at::Tensor& b, double alpha) {
  switch (op) {
    case 0: return at::add(a, b, alpha_scalar(alpha));
    case 1: return at::sub(a, b, alpha_scalar(alpha));
    case 2: return at::mul(a, b);
    case 3: return at::div(a, b);
    case 4: return at::pow(a, b);
    case 5: return at::maximum(a, b);
    case 6: return at::minimum(a, b);
    case 7: return at::eq(a, b);
    case 8: return at::ne(a, b);
    case 9: return at::lt(a, b);
    case 10: return at::le(a, b);
    case 11: return at::gt(a, b);
    case 12: return at::ge(a, b);
    case 13: return at::matmul(a, b);
    case 14: return at::bmm(a, b);
    case 15: return at::mm(a, b);
    case 16: return at::atan2(a, b);
    case 17: return at::remainder(a, b);
    case 18: return at::logical_and(a, b);
    case 19: return at::logical_or(a, b);
    case 20: return at::floor_divide(a, b);
    case 21: return at::complex(a, b);
    case 22: return at::polar(a, b);
    case 23: return at::masked_select(a, b);
    case 24: return at::dot(a, b);
    case 25: return at::outer(a, b);
    case 26: return at::logical_xor(a, b);
    case 27: return at::fmod(a, b);
    default: throw std::invalid_argument("unknown binary op " + std::to_string(op));
  }
}

ST_EXPORT int32_t st_binary(int32_t op, TH a, TH b, double alpha, TH* out) {
  ST_TRY *out = wrap(binary(op, *a, *b, alpha)); ST_CATCH
}

// op 100+: scalar on the left (s - a, s / a, s ** a)
ST_EXPORT int32_t st_binary_scalar(int32_t op, TH a, double s, int32_t is_int, TH* out) {
  ST_TRY
  auto sc = scalar(s, is_int);
  at::Tensor r;
  switch (op) {
    case 0: r = at::add(*a, sc); break;
    case 1: r = at::sub(*a, sc); break;
    case 2: r = at::mul(*a, sc); break;
    case 3: r = at::div(*a, sc); break;
    case 4: r = at::pow(*a, sc); break;
    case 5: r = at::clamp_min(*a, sc); break;
    case 6: r = at::clamp_max(*a, sc); break;
    case 7: r = at::eq(*a, sc); break;
    case 8: r = at::ne(*a, sc); break;
    case 9: r = at::lt(*a, sc); break;
    case 10: r = at::le(*a, sc); break;
    case 11: r = at::gt(*a, sc); break;
    case 12: r = at::ge(*a, sc); break;
    case 17: r = at::remainder(*a, sc); break;
    case 20: r = at::floor_divide(*a, sc); break;
    case 27: r = at::fmod(*a, sc); break;
    case 101: r = at::rsub(*a, sc); break;
    case 103: r = at::mul(at::reciprocal(*a), sc); break;
    case 104: r = at::pow(sc, *a); break;
    default: throw std::invalid_argument("unknown tensor-scalar op " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

ST_EXPORT int32_t st_binary_(int32_t op, TH a, TH b, double alpha) {
  ST_TRY
  switch (op) {
    case 0: a->add_(*b, alpha_scalar(alpha)); break;
    case 1: a->sub_(*b, alpha_scalar(alpha)); break;
    case 2: a->mul_(*b); break;
    case 3: a->div_(*b); break;
    case 4: a->pow_(*b); break;
    case 50: a->copy_(*b); break;
    case 51: a->clamp_min_(*b); break;
    default: throw std::invalid_argument("unknown in-place binary op " + std::to_string(op));
  }
  ST_CATCH
}

ST_EXPORT int32_t st_binary_scalar_(int32_t op, TH a, double s, int32_t is_int) {
  ST_TRY
  auto sc = scalar(s, is_int);
  switch (op) {
    case 0: a->add_(sc); break;
    case 1: a->sub_(sc); break;
    case 2: a->mul_(sc); break;
    case 3: a->div_(sc); break;
    case 4: a->pow_(sc); break;
    case 5: a->clamp_min_(sc); break;
    case 6: a->clamp_max_(sc); break;
    case 50: a->fill_(sc); break;
    default: throw std::invalid_argument("unknown in-place tensor-scalar op " + std::to_string(op));
  }
  ST_CATCH
}

// a + value * t1 * t2 (op 0, addcmul) or a + value * t1 / t2 (op 1, addcdiv); inplace writes into a
ST_EXPORT int32_t st_addc(int32_t op, int32_t inplace, TH a, TH t1, TH t2, double value, TH* out) {
  ST_TRY
  if (op == 0) {
    if (inplace) a->addcmul_(*t1, *t2, value); else *out = wrap(at::addcmul(*a, *t1, *t2, value));
  } else {
    if (inplace) a->addcdiv_(*t1, *t2, value); else *out = wrap(at::addcdiv(*a, *t1, *t2, value));
  }
  ST_CATCH
}

ST_EXPORT int32_t st_lerp(TH a, TH b, double w, int32_t inplace, TH* out) {
  ST_TRY if (inplace) a->lerp_(*b, w); else *out = wrap(at::lerp(*a, *b, w)); ST_CATCH
}

ST_EXPORT int32_t st_where(TH cond, TH a, TH b, TH* out) { ST_TRY *out = wrap(at::where(*cond, *a, *b)); ST_CATCH }

ST_EXPORT int32_t st_clamp(TH a, double lo, int32_t has_lo, double hi, int32_t has_hi, int32_t inplace, TH* out) {
  ST_TRY
  c10::optional<at::Scalar> l = has_lo ? c10::optional<at::Scalar>(lo) : c10::nullopt;
  c10::optional<at::Scalar> h = has_hi ? c10::optional<at::Scalar>(hi) : c10::nullopt;
  if (inplace) a->clamp_(l, h); else *out = wrap(at::clamp(*a, l, h));
  ST_CATCH
}

ST_EXPORT int32_t st_masked_fill(TH a, TH mask, double v, int32_t is_int, int32_t inplace, TH* out) {
  ST_TRY
  if (inplace) a->masked_fill_(*mask, scalar(v, is_int)); else *out = wrap(at::masked_fill(*a, *mask, scalar(v, is_int)));
  ST_CATCH
}

// ---------------------------------------------------------------- reductions
// std/var take a Bessel correction: an integer in libtorch 1.x, a Scalar since 2.0.
#if TORCH_VERSION_MAJOR >= 2
static c10::optional<at::Scalar> correction(double c) { return at::Scalar(static_cast<int64_t>(c)); }
#else
static c10::optional<int64_t> correction(double c) { return static_cast<int64_t>(c); }
#endif

// op: 0 sum, 1 mean, 2 std, 3 var, 4 prod, 5 amax, 6 amin, 7 logsumexp, 8 all, 9 any, 10 norm(p)
// ndim < 0 reduces over all elements. correction is the Bessel-style offset for std/var (1 = unbiased).
ST_EXPORT int32_t st_reduce(int32_t op, TH a, const int64_t* dims, int32_t ndim, int32_t keepdim, double p,
                            int32_t dtype, TH* out) {
  ST_TRY
  bool all = ndim < 0;
  auto d = all ? at::IntArrayRef() : ints(dims, ndim);
  bool k = keepdim != 0;
  c10::optional<at::ScalarType> dt = dtype >= 0 ? c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype)) : c10::nullopt;
  at::Tensor r;
  switch (op) {
    case 0: r = all ? at::sum(*a, dt) : at::sum(*a, d, k, dt); break;
    case 1: r = all ? at::mean(*a, dt) : at::mean(*a, d, k, dt); break;
    case 2: r = at::std(*a, all ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(d), correction(p), k); break;
    case 3: r = at::var(*a, all ? at::OptionalIntArrayRef() : at::OptionalIntArrayRef(d), correction(p), k); break;
    case 4:
      if (all) r = at::prod(*a, dt);
      else if (ndim == 1) r = at::prod(*a, d[0], k, dt);
      else throw std::invalid_argument("prod reduces over one dim at a time");
      break;
    case 5: r = all ? at::max(*a) : at::amax(*a, d, k); break;
    case 6: r = all ? at::min(*a) : at::amin(*a, d, k); break;
    case 7: r = all ? at::logsumexp(a->reshape({-1}), {0}, false) : at::logsumexp(*a, d, k); break;
    case 8:
      if (all) r = at::all(*a);
      else if (ndim == 1) r = at::all(*a, d[0], k);
      else throw std::invalid_argument("all reduces over one dim at a time");
      break;
    case 9:
      if (all) r = at::any(*a);
      else if (ndim == 1) r = at::any(*a, d[0], k);
      else throw std::invalid_argument("any reduces over one dim at a time");
      break;
    case 10: r = all ? at::norm(*a, p) : at::norm(*a, p, d, k); break;
    default: throw std::invalid_argument("unknown reduction " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

// op: 0 max, 1 min (values + indices along dim); 2 argmax, 3 argmin (dim < -100 means over all)
ST_EXPORT int32_t st_reduce_index(int32_t op, TH a, int64_t dim, int32_t keepdim, TH* values, TH* indices) {
  ST_TRY
  bool k = keepdim != 0;
  if (op == 0 || op == 1) {
    auto r = op == 0 ? at::max(*a, dim, k) : at::min(*a, dim, k);
    *values = wrap(std::get<0>(r));
    *indices = wrap(std::get<1>(r));
  } else {
    c10::optional<int64_t> d = dim < -100 ? c10::nullopt : c10::optional<int64_t>(dim);
    *indices = wrap(op == 2 ? at::argmax(*a, d, k) : at::argmin(*a, d, k));
  }
  ST_CATCH
}

ST_EXPORT int32_t st_sort(TH a, int64_t dim, int32_t descending, int32_t stable, TH* values, TH* indices) {
  ST_TRY
  auto r = at::sort(*a, stable != 0, dim, descending != 0);
  *values = wrap(std::get<0>(r));
  *indices = wrap(std::get<1>(r));
  ST_CATCH
}

ST_EXPORT int32_t st_topk(TH a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, TH* values, TH* indices) {
  ST_TRY
  auto r = at::topk(*a, k, dim, largest != 0, sorted != 0);
  *values = wrap(std::get<0>(r));
  *indices = wrap(std::get<1>(r));
  ST_CATCH
}

// op: 0 cumsum, 1 cumprod
ST_EXPORT int32_t st_scan(int32_t op, TH a, int64_t dim, TH* out) {
  ST_TRY *out = wrap(op == 0 ? at::cumsum(*a, dim) : at::cumprod(*a, dim)); ST_CATCH
}

// ---------------------------------------------------------------- shape
// op: 0 view, 1 reshape, 2 permute, 3 expand, 4 flip, 5 repeat, 6 squeeze(dims; n=0 all), 7 unsqueeze(one dim)
ST_EXPORT int32_t st_shape_op(int32_t op, TH a, const int64_t* v, int32_t n, TH* out) {
  ST_TRY
  auto s = ints(v, n);
  at::Tensor r;
  switch (op) {
    case 0: r = a->view(s); break;
    case 1: r = a->reshape(s); break;
    case 2: r = a->permute(s); break;
    case 3: r = a->expand(s); break;
    case 4: r = at::flip(*a, s); break;
    case 5: r = a->repeat(s); break;
    case 6:
      if (n == 0) r = a->squeeze();
      else {
        r = *a;
        std::vector<int64_t> ds(s.begin(), s.end());
        for (auto& d : ds) if (d < 0) d += a->dim();
        std::sort(ds.rbegin(), ds.rend());
        for (auto d : ds) r = r.squeeze(d);
      }
      break;
    case 7: r = a->unsqueeze(s[0]); break;
    default: throw std::invalid_argument("unknown shape op " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

ST_EXPORT int32_t st_transpose(TH a, int64_t d0, int64_t d1, TH* out) { ST_TRY *out = wrap(a->transpose(d0, d1)); ST_CATCH }
ST_EXPORT int32_t st_flatten(TH a, int64_t start, int64_t end, TH* out) { ST_TRY *out = wrap(a->flatten(start, end)); ST_CATCH }
ST_EXPORT int32_t st_narrow(TH a, int64_t dim, int64_t start, int64_t len, TH* out) { ST_TRY *out = wrap(a->narrow(dim, start, len)); ST_CATCH }
ST_EXPORT int32_t st_select(TH a, int64_t dim, int64_t index, TH* out) { ST_TRY *out = wrap(a->select(dim, index)); ST_CATCH }
ST_EXPORT int32_t st_slice(TH a, int64_t dim, int64_t start, int64_t end, int64_t step, TH* out) {
  ST_TRY *out = wrap(a->slice(dim, start, end, step)); ST_CATCH
}
ST_EXPORT int32_t st_index_select(TH a, int64_t dim, TH index, TH* out) { ST_TRY *out = wrap(a->index_select(dim, *index)); ST_CATCH }
ST_EXPORT int32_t st_gather(TH a, int64_t dim, TH index, TH* out) { ST_TRY *out = wrap(at::gather(*a, dim, *index)); ST_CATCH }

// op: 0 scatter, 1 scatter_add, 2 index_add (src values); inplace on a
ST_EXPORT int32_t st_scatter(int32_t op, int32_t inplace, TH a, int64_t dim, TH index, TH src, TH* out) {
  ST_TRY
  at::Tensor r;
  switch (op) {
    case 0: r = inplace ? a->scatter_(dim, *index, *src) : at::scatter(*a, dim, *index, *src); break;
    case 1: r = inplace ? a->scatter_add_(dim, *index, *src) : at::scatter_add(*a, dim, *index, *src); break;
    case 2: r = inplace ? a->index_add_(dim, *index, *src) : at::index_add(*a, dim, *index, *src); break;
    default: throw std::invalid_argument("unknown scatter op " + std::to_string(op));
  }
  if (!inplace) *out = wrap(r);
  ST_CATCH
}

// Advanced indexing a[i0, i1, ...] with index tensors (null = full slice) and a[...] = v.
ST_EXPORT int32_t st_index(TH a, TH* idx, int32_t n, TH* out) {
  ST_TRY
  c10::List<c10::optional<at::Tensor>> l;
  for (int32_t i = 0; i < n; i++) l.push_back(optional(idx[i]));
  *out = wrap(at::index(*a, l));
  ST_CATCH
}
ST_EXPORT int32_t st_index_put_(TH a, TH* idx, int32_t n, TH values, int32_t accumulate) {
  ST_TRY
  c10::List<c10::optional<at::Tensor>> l;
  for (int32_t i = 0; i < n; i++) l.push_back(optional(idx[i]));
  a->index_put_(l, *values, accumulate != 0);
  ST_CATCH
}

ST_EXPORT int32_t st_roll(TH a, const int64_t* shifts, const int64_t* dims, int32_t n, TH* out) {
  ST_TRY *out = wrap(at::roll(*a, ints(shifts, n), ints(dims, n))); ST_CATCH
}

// op: 0 cat, 1 stack
ST_EXPORT int32_t st_join(int32_t op, TH* ts, int32_t n, int64_t dim, TH* out) {
  ST_TRY
  auto l = list(ts, n);
  *out = wrap(op == 0 ? at::cat(l, dim) : at::stack(l, dim));
  ST_CATCH
}

// op: 0 chunk(n), 1 split(size), 2 split_with_sizes(sizes), 3 unbind
ST_EXPORT int32_t st_split(int32_t op, TH a, const int64_t* v, int32_t nv, int64_t dim, TH* out, int32_t cap,
                           int32_t* count) {
  ST_TRY
  std::vector<at::Tensor> r;
  switch (op) {
    case 0: r = a->chunk(v[0], dim); break;
    case 1: r = a->split(v[0], dim); break;
    case 2: r = a->split_with_sizes(ints(v, nv), dim); break;
    case 3: r = a->unbind(dim); break;
    default: throw std::invalid_argument("unknown split op " + std::to_string(op));
  }
  write_list(r, out, cap, count);
  ST_CATCH
}

// ---------------------------------------------------------------- FFT
// op: 0 fftn, 1 ifftn, 2 rfftn, 3 irfftn. ns/ndim < 0 means "not given". norm: 0 backward, 1 forward, 2 ortho
ST_EXPORT int32_t st_fft(int32_t op, TH a, const int64_t* s, int32_t ns, const int64_t* dims, int32_t ndim,
                         int32_t norm, TH* out) {
  ST_TRY
  c10::optional<at::IntArrayRef> so = ns >= 0 ? c10::optional<at::IntArrayRef>(ints(s, ns)) : c10::nullopt;
  c10::optional<at::IntArrayRef> d = ndim >= 0 ? c10::optional<at::IntArrayRef>(ints(dims, ndim)) : c10::nullopt;
  static const char* norms[] = {"backward", "forward", "ortho"};
  if (norm < 0 || norm > 2) throw std::invalid_argument("fft norm must be 0 (backward), 1 (forward) or 2 (ortho)");
  c10::optional<c10::string_view> nm = c10::string_view(norms[norm]);
  at::Tensor r;
  switch (op) {
    case 0: r = at::fft_fftn(*a, so, d, nm); break;
    case 1: r = at::fft_ifftn(*a, so, d, nm); break;
    case 2: r = at::fft_rfftn(*a, so, d, nm); break;
    case 3: r = at::fft_irfftn(*a, so, d, nm); break;
    default: throw std::invalid_argument("unknown fft op " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

// op: 0 fftfreq, 1 rfftfreq
ST_EXPORT int32_t st_fftfreq(int32_t op, int64_t n, double d, int32_t dtype, int32_t dev, int32_t devidx, TH* out) {
  ST_TRY
  auto o = options(dtype, dev, devidx);
  *out = wrap(op == 0 ? at::fft_fftfreq(n, d, o) : at::fft_rfftfreq(n, d, o));
  ST_CATCH
}
