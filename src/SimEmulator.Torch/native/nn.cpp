// Neural-network functionals, losses, autograd, parameter initialisation and optimizer updates.
#include "shim.h"

using namespace shim;
namespace F = torch::nn::functional;

// One entry point for conv1d/2d/3d and conv_transpose1d/2d/3d, as torch.nn.functional does.
ST_EXPORT int32_t st_convolution(TH input, TH weight, TH bias, const int64_t* stride, const int64_t* padding,
                                 const int64_t* dilation, const int64_t* output_padding, int32_t nd,
                                 int32_t transposed, int64_t groups, TH* out) {
  ST_TRY
  *out = wrap(at::convolution(*input, *weight, optional(bias), ints(stride, nd), ints(padding, nd), ints(dilation, nd),
                              transposed != 0, ints(output_padding, nd), groups));
  ST_CATCH
}

ST_EXPORT int32_t st_linear(TH input, TH weight, TH bias, TH* out) {
  ST_TRY *out = wrap(at::linear(*input, *weight, optional(bias))); ST_CATCH
}

// mode: 0 constant, 1 reflect, 2 replicate, 3 circular
ST_EXPORT int32_t st_pad(TH input, const int64_t* pad, int32_t n, int32_t mode, double value, TH* out) {
  ST_TRY
  auto o = F::PadFuncOptions(std::vector<int64_t>(pad, pad + n));
  switch (mode) {
    case 0: o = o.mode(torch::kConstant).value(value); break;
    case 1: o = o.mode(torch::kReflect); break;
    case 2: o = o.mode(torch::kReplicate); break;
    case 3: o = o.mode(torch::kCircular); break;
    default: throw std::invalid_argument("pad mode must be constant, reflect, replicate or circular");
  }
  *out = wrap(F::pad(*input, o));
  ST_CATCH
}

// mode: 0 nearest, 1 linear, 2 bilinear, 3 trilinear, 4 bicubic. Either size (ns > 0) or scale (nsc > 0).
ST_EXPORT int32_t st_interpolate(TH input, const int64_t* size, int32_t ns, const double* scale, int32_t nsc,
                                 int32_t mode, int32_t align_corners, TH* out) {
  ST_TRY
  auto o = F::InterpolateFuncOptions();
  if (ns > 0) o = o.size(std::vector<int64_t>(size, size + ns));
  if (nsc > 0) o = o.scale_factor(std::vector<double>(scale, scale + nsc));
  switch (mode) {
    case 0: o = o.mode(torch::kNearest); break;
    case 1: o = o.mode(torch::kLinear); break;
    case 2: o = o.mode(torch::kBilinear); break;
    case 3: o = o.mode(torch::kTrilinear); break;
    case 4: o = o.mode(torch::kBicubic); break;
    default: throw std::invalid_argument("interpolate mode must be nearest, linear, bilinear, trilinear or bicubic");
  }
  if (mode != 0 && align_corners >= 0) o = o.align_corners(align_corners != 0);
  *out = wrap(F::interpolate(*input, o));
  ST_CATCH
}

// op: 0 avg_pool, 1 max_pool, 2 adaptive_avg_pool (kernel = output size); nd 1..3
ST_EXPORT int32_t st_pool(int32_t op, TH input, int32_t nd, const int64_t* kernel, const int64_t* stride,
                          const int64_t* padding, const int64_t* dilation, int32_t ceil_mode, int32_t count_include_pad,
                          TH* out) {
  ST_TRY
  auto k = ints(kernel, nd), s = ints(stride, nd), p = ints(padding, nd), d = ints(dilation, nd);
  bool cm = ceil_mode != 0, cip = count_include_pad != 0;
  at::Tensor r;
  if (op == 0) {
    if (nd == 1) r = at::avg_pool1d(*input, k, s, p, cm, cip);
    else if (nd == 2) r = at::avg_pool2d(*input, k, s, p, cm, cip);
    else r = at::avg_pool3d(*input, k, s, p, cm, cip);
  } else if (op == 1) {
    if (nd == 1) r = at::max_pool1d(*input, k, s, p, d, cm);
    else if (nd == 2) r = at::max_pool2d(*input, k, s, p, d, cm);
    else r = at::max_pool3d(*input, k, s, p, d, cm);
  } else if (op == 2) {
    if (nd == 1) r = at::adaptive_avg_pool1d(*input, k);
    else if (nd == 2) r = at::adaptive_avg_pool2d(*input, k);
    else r = at::adaptive_avg_pool3d(*input, k);
  } else {
    throw std::invalid_argument("unknown pool op " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

ST_EXPORT int32_t st_batch_norm(TH input, TH weight, TH bias, TH running_mean, TH running_var, int32_t training,
                                double momentum, double eps, TH* out) {
  ST_TRY
  *out = wrap(at::batch_norm(*input, optional(weight), optional(bias), optional(running_mean), optional(running_var),
                             training != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  ST_CATCH
}

ST_EXPORT int32_t st_instance_norm(TH input, TH weight, TH bias, TH running_mean, TH running_var,
                                   int32_t use_input_stats, double momentum, double eps, TH* out) {
  ST_TRY
  *out = wrap(at::instance_norm(*input, optional(weight), optional(bias), optional(running_mean), optional(running_var),
                                use_input_stats != 0, momentum, eps, at::globalContext().userEnabledCuDNN()));
  ST_CATCH
}

ST_EXPORT int32_t st_layer_norm(TH input, const int64_t* shape, int32_t n, TH weight, TH bias, double eps, TH* out) {
  ST_TRY
  *out = wrap(at::layer_norm(*input, ints(shape, n), optional(weight), optional(bias), eps,
                             at::globalContext().userEnabledCuDNN()));
  ST_CATCH
}

ST_EXPORT int32_t st_group_norm(TH input, int64_t groups, TH weight, TH bias, double eps, TH* out) {
  ST_TRY
  *out = wrap(at::group_norm(*input, groups, optional(weight), optional(bias), eps,
                             at::globalContext().userEnabledCuDNN()));
  ST_CATCH
}

// op: 0 leaky_relu(a), 1 elu(a), 2 gelu (a: 0 exact, 1 tanh), 3 softplus(a = beta, b = threshold),
//     4 softmax(dim = a), 5 log_softmax(dim = a), 6 hardtanh(a, b), 7 celu(a), 8 leaky_relu_ in place
ST_EXPORT int32_t st_activation(int32_t op, TH x, double a, double b, TH* out) {
  ST_TRY
  at::Tensor r;
  switch (op) {
    case 0: r = at::leaky_relu(*x, a); break;
    case 1: r = at::elu(*x, a); break;
    case 2: r = at::gelu(*x, a == 0 ? "none" : "tanh"); break;
    case 3: r = at::softplus(*x, a, b); break;
    case 4: r = at::softmax(*x, static_cast<int64_t>(a)); break;
    case 5: r = at::log_softmax(*x, static_cast<int64_t>(a)); break;
    case 6: r = at::hardtanh(*x, a, b); break;
    case 7: r = at::celu(*x, a); break;
    case 8: at::leaky_relu_(*x, a); return 0;
    default: throw std::invalid_argument("unknown activation " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

ST_EXPORT int32_t st_dropout(TH x, double p, int32_t train, TH* out) {
  ST_TRY *out = wrap(at::dropout(*x, p, train != 0)); ST_CATCH
}

// op: 0 mse, 1 l1, 2 smooth_l1(beta = a), 3 bce_with_logits(weight = w, pos_weight = pw), 4 huber(delta = a)
// reduction: 0 none, 1 mean, 2 sum (at::Reduction)
ST_EXPORT int32_t st_loss(int32_t op, TH input, TH target, TH w, TH pw, double a, int32_t reduction, TH* out) {
  ST_TRY
  at::Tensor r;
  switch (op) {
    case 0: r = at::mse_loss(*input, *target, reduction); break;
    case 1: r = at::l1_loss(*input, *target, reduction); break;
    case 2: r = at::smooth_l1_loss(*input, *target, reduction, a); break;
    case 3: r = at::binary_cross_entropy_with_logits(*input, *target, optional(w), optional(pw), reduction); break;
    case 4: r = at::huber_loss(*input, *target, reduction, a); break;
    default: throw std::invalid_argument("unknown loss " + std::to_string(op));
  }
  *out = wrap(r);
  ST_CATCH
}

// ---------------------------------------------------------------- autograd
ST_EXPORT int32_t st_backward(TH t, TH grad, int32_t retain_graph, int32_t create_graph) {
  ST_TRY
  c10::optional<bool> rg = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
  t->backward(opt(grad), rg, create_graph != 0);
  ST_CATCH
}

// Writes null into *out when the tensor has no gradient yet.
ST_EXPORT int32_t st_grad(TH t, TH* out) {
  ST_TRY
  const auto& g = t->grad();
  *out = g.defined() ? wrap(g) : nullptr;
  ST_CATCH
}

// set_to_none = 1 drops the gradient (PyTorch 2's default), 0 zeroes it in place.
ST_EXPORT int32_t st_zero_grad(TH t, int32_t set_to_none) {
  ST_TRY
  auto& g = t->mutable_grad();
  if (!g.defined()) return 0;
  if (set_to_none) {
    g = at::Tensor();
  } else {
    if (g.grad_fn()) g = g.detach();
    else g.requires_grad_(false);
    g.zero_();
  }
  ST_CATCH
}

// The checks Python's `x.grad = g` makes; the C++ mutable_grad() accepts anything, and a gradient of the wrong
// shape or dtype would only surface later, inside an optimizer step.
ST_EXPORT int32_t st_set_grad(TH t, TH g) {
  ST_TRY
  if (g) {
    TORCH_CHECK(!g->is_same(*t), "can't assign Variable as its own grad");
    TORCH_CHECK(t->dtype() == g->dtype(), "attempting to assign a gradient with dtype '", g->dtype(),
                "' to a tensor with dtype '", t->dtype(), "'. Please ensure that the gradient and the tensor have the same dtype");
    TORCH_CHECK(t->device() == g->device(), "attempting to assign a gradient on device '", g->device(),
                "' to a tensor on device '", t->device(), "'. Please ensure that the gradient and the tensor are on the same device");
    TORCH_CHECK(t->sizes().equals(g->sizes()), "attempting to assign a gradient of size '", g->sizes(),
                "' to a tensor of size '", t->sizes(), "'. Please ensure that the gradient and the tensor are the same size");
  }
  t->mutable_grad() = opt(g);
  ST_CATCH
}

ST_EXPORT int32_t st_retain_grad(TH t) { ST_TRY t->retain_grad(); ST_CATCH }

// torch.autograd.grad: gradients of outputs w.r.t. inputs; an unused input gives null when allow_unused.
ST_EXPORT int32_t st_autograd_grad(TH* outputs, int32_t nout, TH* inputs, int32_t nin, TH* grad_outputs,
                                   int32_t retain_graph, int32_t create_graph, int32_t allow_unused, TH* result) {
  ST_TRY
  std::vector<at::Tensor> go;
  if (grad_outputs)
    for (int32_t i = 0; i < nout; i++) go.push_back(opt(grad_outputs[i]));
  c10::optional<bool> rg = retain_graph < 0 ? c10::nullopt : c10::optional<bool>(retain_graph != 0);
  auto r = torch::autograd::grad(list(outputs, nout), list(inputs, nin), go, rg, create_graph != 0,
                                 allow_unused != 0);
  for (int32_t i = 0; i < nin; i++) result[i] = r[i].defined() ? wrap(r[i]) : nullptr;
  ST_CATCH
}

// ---------------------------------------------------------------- in-place random fills (initialisation)
// op: 0 uniform_(a, b), 1 normal_(mean a, std b), 2 bernoulli_(p a)
ST_EXPORT int32_t st_random_(int32_t op, TH t, double a, double b, void* gen) {
  ST_TRY
  at::NoGradGuard ng;
  switch (op) {
    case 0: t->uniform_(a, b, generator(gen)); break;
    case 1: t->normal_(a, b, generator(gen)); break;
    case 2: t->bernoulli_(a, generator(gen)); break;
    default: throw std::invalid_argument("unknown random fill " + std::to_string(op));
  }
  ST_CATCH
}

// ---------------------------------------------------------------- optimizer updates
// Each mirrors PyTorch's single-tensor reference implementation (torch/optim/*.py), one call per parameter.

// Adam / AdamW. step is the 1-based step count after increment; max_exp_avg_sq may be null (no amsgrad).
ST_EXPORT int32_t st_adam_step(TH param, TH grad, TH exp_avg, TH exp_avg_sq, TH max_exp_avg_sq, double lr,
                               double beta1, double beta2, double eps, double weight_decay, int32_t decoupled,
                               int64_t step) {
  ST_TRY
  at::NoGradGuard ng;
  at::Tensor g = *grad;
  if (weight_decay != 0) {
    if (decoupled) param->mul_(1 - lr * weight_decay);
    else g = g.add(*param, weight_decay);
  }
  exp_avg->mul_(beta1).add_(g, 1 - beta1);
  exp_avg_sq->mul_(beta2).addcmul_(g, g, 1 - beta2);
  double bc1 = 1 - std::pow(beta1, static_cast<double>(step));
  double bc2 = 1 - std::pow(beta2, static_cast<double>(step));
  double step_size = lr / bc1;
  double bc2_sqrt = std::sqrt(bc2);
  at::Tensor denom;
  if (max_exp_avg_sq) {
    at::maximum_out(*max_exp_avg_sq, *max_exp_avg_sq, *exp_avg_sq);
    denom = (max_exp_avg_sq->sqrt() / bc2_sqrt).add_(eps);
  } else {
    denom = (exp_avg_sq->sqrt() / bc2_sqrt).add_(eps);
  }
  param->addcdiv_(*exp_avg, denom, -step_size);
  ST_CATCH
}

// RMSprop; grad_avg null unless centered, momentum_buffer null unless momentum > 0.
ST_EXPORT int32_t st_rmsprop_step(TH param, TH grad, TH square_avg, TH grad_avg, TH momentum_buffer, double lr,
                                  double alpha, double eps, double weight_decay, double momentum) {
  ST_TRY
  at::NoGradGuard ng;
  at::Tensor g = *grad;
  if (weight_decay != 0) g = g.add(*param, weight_decay);
  square_avg->mul_(alpha).addcmul_(g, g, 1 - alpha);
  at::Tensor avg;
  if (grad_avg) {
    grad_avg->mul_(alpha).add_(g, 1 - alpha);
    avg = square_avg->addcmul(*grad_avg, *grad_avg, -1).sqrt_().add_(eps);
  } else {
    avg = square_avg->sqrt().add_(eps);
  }
  if (momentum_buffer) {
    momentum_buffer->mul_(momentum).addcdiv_(g, avg);
    param->add_(*momentum_buffer, -lr);
  } else {
    param->addcdiv_(g, avg, -lr);
  }
  ST_CATCH
}

// SGD; first_step tells that momentum_buffer must be initialised with the gradient (PyTorch's clone).
ST_EXPORT int32_t st_sgd_step(TH param, TH grad, TH momentum_buffer, int32_t first_step, double lr, double momentum,
                              double dampening, double weight_decay, int32_t nesterov) {
  ST_TRY
  at::NoGradGuard ng;
  at::Tensor d_p = *grad;
  if (weight_decay != 0) d_p = d_p.add(*param, weight_decay);
  if (momentum != 0 && momentum_buffer) {
    if (first_step) momentum_buffer->copy_(d_p);
    else momentum_buffer->mul_(momentum).add_(d_p, 1 - dampening);
    d_p = nesterov ? d_p.add(*momentum_buffer, momentum) : *momentum_buffer;
  }
  param->add_(d_p, -lr);
  ST_CATCH
}
