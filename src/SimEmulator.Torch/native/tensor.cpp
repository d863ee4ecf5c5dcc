// Tensor lifetime, creation, metadata, data transfer, generators, runtime switches.
#include "shim.h"

#include <ATen/CPUGeneratorImpl.h>
#include <dlfcn.h>
#include <torch/cuda.h>

#include <cstring>

namespace shim {
std::atomic<int64_t> live_tensors{0};
static thread_local std::string last_error;

void set_error(const char* msg) { last_error = msg ? msg : "unknown error"; }

int32_t write_list(const std::vector<at::Tensor>& ts, TH* out, int32_t cap, int32_t* count) {
  *count = static_cast<int32_t>(ts.size());
  if (static_cast<int32_t>(ts.size()) > cap)
    throw std::runtime_error("result has " + std::to_string(ts.size()) + " tensors but only " +
                             std::to_string(cap) + " slots were given");
  for (size_t i = 0; i < ts.size(); i++) out[i] = wrap(ts[i]);
  return 0;
}

at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  at::TensorOptions o;
  if (dtype >= 0) o = o.dtype(static_cast<at::ScalarType>(dtype));
  if (device_type >= 0)
    o = o.device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
  return o;
}

c10::optional<at::Generator> generator(void* g) {
  if (!g) return c10::nullopt;
  return *static_cast<at::Generator*>(g);
}
}  // namespace shim

using namespace shim;

ST_EXPORT const char* st_last_error() { return last_error.c_str(); }
ST_EXPORT int64_t st_live_tensors() { return live_tensors.load(); }

ST_EXPORT void st_free(TH t) {
  if (!t) return;
  live_tensors.fetch_sub(1, std::memory_order_relaxed);
  delete t;
}

ST_EXPORT int32_t st_version(int32_t* major, int32_t* minor, int32_t* patch) {
  *major = TORCH_VERSION_MAJOR;
  *minor = TORCH_VERSION_MINOR;
  *patch = TORCH_VERSION_PATCH;
  return 0;
}

// The caller passes a buffer; the string is truncated to fit and always terminated.
static int32_t copy_string(const std::string& s, char* buf, int32_t cap, int32_t* needed) {
  *needed = static_cast<int32_t>(s.size()) + 1;
  if (cap > 0) {
    size_t n = std::min(static_cast<size_t>(cap - 1), s.size());
    std::memcpy(buf, s.data(), n);
    buf[n] = 0;
  }
  return 0;
}

ST_EXPORT int32_t st_config(int32_t which, char* buf, int32_t cap, int32_t* needed) {
  ST_TRY
  std::string s = which == 0 ? at::show_config() : at::get_parallel_info();
  copy_string(s, buf, cap, needed);
  ST_CATCH
}

// ---------------------------------------------------------------- metadata
ST_EXPORT int32_t st_dim(TH t) { return static_cast<int32_t>(t->dim()); }
ST_EXPORT int32_t st_shape(TH t, int64_t* out) {
  for (int64_t i = 0; i < t->dim(); i++) out[i] = t->size(i);
  return 0;
}
ST_EXPORT int32_t st_strides(TH t, int64_t* out) {
  ST_TRY
  for (int64_t i = 0; i < t->dim(); i++) out[i] = t->stride(i);
  ST_CATCH
}
ST_EXPORT int64_t st_numel(TH t) { return t->numel(); }
ST_EXPORT int32_t st_dtype(TH t) { return static_cast<int32_t>(t->scalar_type()); }
ST_EXPORT int32_t st_device(TH t, int32_t* type, int32_t* index) {
  *type = static_cast<int32_t>(t->device().type());
  *index = t->device().index();
  return 0;
}
ST_EXPORT int32_t st_is_contiguous(TH t) { return t->is_contiguous() ? 1 : 0; }
ST_EXPORT int32_t st_requires_grad(TH t) { return t->requires_grad() ? 1 : 0; }
ST_EXPORT int32_t st_is_leaf(TH t) { return t->is_leaf() ? 1 : 0; }
ST_EXPORT int32_t st_defined(TH t) { return t->defined() ? 1 : 0; }

// Python refuses this on non-leaves; libtorch's C++ setter would silently keep a non-leaf requiring grad.
ST_EXPORT int32_t st_set_requires_grad(TH t, int32_t v) {
  ST_TRY
  if (!t->is_leaf())
    throw std::invalid_argument(
        std::string("you can only change requires_grad flags of leaf variables.") +
        (v ? "" : " If you want to use a computed variable in a subgraph that doesn't require differentiation use "
                  "var_no_grad = var.detach()."));
  t->set_requires_grad(v != 0);
  ST_CATCH
}

// ---------------------------------------------------------------- creation
// kind: 0 zeros, 1 ones, 2 empty, 3 rand, 4 randn
ST_EXPORT int32_t st_new(int32_t kind, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev, int32_t devidx,
                         void* gen, int32_t requires_grad, TH* out) {
  ST_TRY
  auto o = options(dtype, dev, devidx);
  auto s = ints(shape, ndim);
  at::Tensor t;
  switch (kind) {
    case 0: t = at::zeros(s, o); break;
    case 1: t = at::ones(s, o); break;
    case 2: t = at::empty(s, o); break;
    case 3: t = at::rand(s, generator(gen), o); break;
    case 4: t = at::randn(s, generator(gen), o); break;
    default: throw std::invalid_argument("st_new: unknown kind " + std::to_string(kind));
  }
  if (requires_grad) t.set_requires_grad(true);
  *out = wrap(t);
  ST_CATCH
}

// kind as st_new plus 5 full (value), applied to the shape/dtype/device of `like` unless overridden
ST_EXPORT int32_t st_new_like(int32_t kind, TH like, double value, int32_t is_int, int32_t dtype, int32_t dev,
                              int32_t devidx, void* gen, TH* out) {
  ST_TRY
  auto o = like->options();
  if (dtype >= 0) o = o.dtype(static_cast<at::ScalarType>(dtype));
  if (dev >= 0) o = o.device(at::Device(static_cast<at::DeviceType>(dev), static_cast<c10::DeviceIndex>(devidx)));
  auto s = like->sizes();
  at::Tensor t;
  switch (kind) {
    case 0: t = at::zeros(s, o); break;
    case 1: t = at::ones(s, o); break;
    case 2: t = at::empty(s, o); break;
    case 3: t = at::rand(s, generator(gen), o); break;
    case 4: t = at::randn(s, generator(gen), o); break;
    case 5: t = at::full(s, scalar(value, is_int), o); break;
    default: throw std::invalid_argument("st_new_like: unknown kind " + std::to_string(kind));
  }
  *out = wrap(t);
  ST_CATCH
}

ST_EXPORT int32_t st_full(const int64_t* shape, int32_t ndim, double value, int32_t is_int, int32_t dtype, int32_t dev,
                          int32_t devidx, int32_t requires_grad, TH* out) {
  ST_TRY
  auto t = at::full(ints(shape, ndim), scalar(value, is_int), options(dtype, dev, devidx));
  if (requires_grad) t.set_requires_grad(true);
  *out = wrap(t);
  ST_CATCH
}

ST_EXPORT int32_t st_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, int32_t dtype, int32_t dev,
                             int32_t devidx, void* gen, TH* out) {
  ST_TRY *out = wrap(at::randint(low, high, ints(shape, ndim), generator(gen), options(dtype, dev, devidx))); ST_CATCH
}

ST_EXPORT int32_t st_arange(double start, double end, double step, int32_t is_int, int32_t dtype, int32_t dev,
                            int32_t devidx, TH* out) {
  ST_TRY
  *out = wrap(at::arange(scalar(start, is_int), scalar(end, is_int), scalar(step, is_int), options(dtype, dev, devidx)));
  ST_CATCH
}

ST_EXPORT int32_t st_linspace(double start, double end, int64_t steps, int32_t dtype, int32_t dev, int32_t devidx,
                              TH* out) {
  ST_TRY *out = wrap(at::linspace(start, end, steps, options(dtype, dev, devidx))); ST_CATCH
}

ST_EXPORT int32_t st_eye(int64_t n, int64_t m, int32_t dtype, int32_t dev, int32_t devidx, TH* out) {
  ST_TRY *out = wrap(at::eye(n, m, options(dtype, dev, devidx))); ST_CATCH
}

// Copies host memory of the given dtype and C-order shape into a new CPU tensor.
ST_EXPORT int32_t st_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype, TH* out) {
  ST_TRY
  auto t = at::empty(ints(shape, ndim), at::TensorOptions().dtype(static_cast<at::ScalarType>(dtype)));
  if (t.numel() > 0) std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
  *out = wrap(t);
  ST_CATCH
}

// Copies the tensor's elements (C order, on the CPU) into host memory of exactly nbytes.
ST_EXPORT int32_t st_copy_to_host(TH t, void* dst, int64_t nbytes) {
  ST_TRY
  auto c = t->detach().to(at::kCPU).contiguous();
  int64_t have = c.numel() * c.element_size();
  if (have != nbytes)
    throw std::invalid_argument("destination holds " + std::to_string(nbytes) + " bytes but the tensor has " +
                                std::to_string(have));
  if (have > 0) std::memcpy(dst, c.data_ptr(), have);
  ST_CATCH
}

// Copies host memory into an existing tensor (any device), element type and count must match.
ST_EXPORT int32_t st_copy_from_host(TH t, const void* src, int64_t nbytes) {
  ST_TRY
  int64_t want = t->numel() * t->element_size();
  if (want != nbytes)
    throw std::invalid_argument("source holds " + std::to_string(nbytes) + " bytes but the tensor needs " +
                                std::to_string(want));
  auto host = at::empty(t->sizes(), t->options().device(at::kCPU));
  if (want > 0) std::memcpy(host.data_ptr(), src, want);
  at::NoGradGuard ng;
  t->copy_(host);
  ST_CATCH
}

ST_EXPORT int32_t st_item(TH t, double* out) {
  ST_TRY *out = t->item<double>(); ST_CATCH
}
ST_EXPORT int32_t st_item_int64(TH t, int64_t* out) {
  ST_TRY *out = t->item<int64_t>(); ST_CATCH
}

ST_EXPORT int32_t st_to(TH t, int32_t dtype, int32_t dev, int32_t devidx, int32_t non_blocking, int32_t copy, TH* out) {
  ST_TRY
  auto o = t->options();
  if (dtype >= 0) o = o.dtype(static_cast<at::ScalarType>(dtype));
  if (dev >= 0) o = o.device(at::Device(static_cast<at::DeviceType>(dev), static_cast<c10::DeviceIndex>(devidx)));
  *out = wrap(t->to(o, non_blocking != 0, copy != 0));
  ST_CATCH
}

// ---------------------------------------------------------------- generators
ST_EXPORT int32_t st_manual_seed(int64_t seed) {
  ST_TRY torch::manual_seed(static_cast<uint64_t>(seed)); ST_CATCH
}

ST_EXPORT int32_t st_generator_new(int64_t seed, int32_t dev, int32_t devidx, void** out) {
  ST_TRY
  at::Generator g;
  if (dev <= 0) {
    g = at::detail::createCPUGenerator(static_cast<uint64_t>(seed));
  } else {
    auto& def = at::globalContext().defaultGenerator(at::Device(static_cast<at::DeviceType>(dev),
                                                                static_cast<c10::DeviceIndex>(devidx)));
    g = def.clone();
    g.set_current_seed(static_cast<uint64_t>(seed));
  }
  *out = new at::Generator(std::move(g));
  ST_CATCH
}
ST_EXPORT void st_generator_free(void* g) { delete static_cast<at::Generator*>(g); }

static at::Generator gen_or_default(void* g) {
  return g ? *static_cast<at::Generator*>(g) : at::globalContext().defaultGenerator(at::kCPU);
}
ST_EXPORT int32_t st_generator_seed(void* g, int64_t seed) {
  ST_TRY
  auto gen = gen_or_default(g);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_current_seed(static_cast<uint64_t>(seed));
  ST_CATCH
}
ST_EXPORT int32_t st_generator_initial_seed(void* g, int64_t* out) {
  ST_TRY *out = static_cast<int64_t>(gen_or_default(g).current_seed()); ST_CATCH
}
ST_EXPORT int32_t st_generator_get_state(void* g, TH* out) {
  ST_TRY
  auto gen = gen_or_default(g);
  std::lock_guard<std::mutex> lock(gen.mutex());
  *out = wrap(gen.get_state());
  ST_CATCH
}
ST_EXPORT int32_t st_generator_set_state(void* g, TH state) {
  ST_TRY
  auto gen = gen_or_default(g);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(*state);
  ST_CATCH
}

// ---------------------------------------------------------------- runtime
ST_EXPORT int32_t st_set_num_threads(int32_t n) { ST_TRY at::set_num_threads(n); ST_CATCH }
ST_EXPORT int32_t st_get_num_threads() { return at::get_num_threads(); }
ST_EXPORT int32_t st_set_num_interop_threads(int32_t n) { ST_TRY at::set_num_interop_threads(n); ST_CATCH }
ST_EXPORT int32_t st_get_num_interop_threads() { return at::get_num_interop_threads(); }

ST_EXPORT int32_t st_grad_enabled() { return c10::GradMode::is_enabled() ? 1 : 0; }
ST_EXPORT void st_set_grad_enabled(int32_t v) { c10::GradMode::set_enabled(v != 0); }

ST_EXPORT int32_t st_cuda_is_available() {
  try { return torch::cuda::is_available() ? 1 : 0; } catch (...) { return 0; }
}
ST_EXPORT int32_t st_cuda_device_count() {
  try { return static_cast<int32_t>(torch::cuda::device_count()); } catch (...) { return 0; }
}
ST_EXPORT int32_t st_cuda_synchronize(int64_t device) {
  ST_TRY torch::cuda::synchronize(device); ST_CATCH
}
ST_EXPORT int32_t st_set_cudnn_benchmark(int32_t v) { ST_TRY at::globalContext().setBenchmarkCuDNN(v != 0); ST_CATCH }
ST_EXPORT int32_t st_get_cudnn_benchmark() { return at::globalContext().benchmarkCuDNN() ? 1 : 0; }
ST_EXPORT int32_t st_set_allow_tf32(int32_t cublas, int32_t cudnn) {
  ST_TRY
  if (cublas >= 0) at::globalContext().setAllowTF32CuBLAS(cublas != 0);
  if (cudnn >= 0) at::globalContext().setAllowTF32CuDNN(cudnn != 0);
  ST_CATCH
}
ST_EXPORT int32_t st_get_allow_tf32(int32_t* cublas, int32_t* cudnn) {
  ST_TRY
  *cublas = at::globalContext().allowTF32CuBLAS() ? 1 : 0;
  *cudnn = at::globalContext().allowTF32CuDNN() ? 1 : 0;
  ST_CATCH
}

// Device names come from the CUDA driver API, loaded at run time, so the shim needs no CUDA
// headers and the same source builds against CPU-only and CUDA libtorch.
ST_EXPORT int32_t st_cuda_device_name(int32_t index, char* buf, int32_t cap, int32_t* needed) {
  ST_TRY
  void* lib = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_LOCAL);
  if (!lib) throw std::runtime_error("libcuda.so.1 (the NVIDIA driver) is not loadable");
  using init_t = int (*)(unsigned int);
  using get_t = int (*)(int*, int);
  using name_t = int (*)(char*, int, int);
  auto cu_init = reinterpret_cast<init_t>(dlsym(lib, "cuInit"));
  auto cu_get = reinterpret_cast<get_t>(dlsym(lib, "cuDeviceGet"));
  auto cu_name = reinterpret_cast<name_t>(dlsym(lib, "cuDeviceGetName"));
  if (!cu_init || !cu_get || !cu_name) throw std::runtime_error("libcuda.so.1 lacks cuDeviceGetName");
  int dev = 0;
  char name[256] = {0};
  if (cu_init(0) != 0 || cu_get(&dev, index) != 0 || cu_name(name, sizeof(name), dev) != 0)
    throw std::runtime_error("CUDA driver could not name device " + std::to_string(index));
  copy_string(name, buf, cap, needed);
  ST_CATCH
}
