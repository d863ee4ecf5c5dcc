// Shared by every translation unit of the shim: handle wrapping, status codes, error capture.
// Every export returns 0 on success and 1 on failure; on failure the message is in st_last_error().
#pragma once
#include <torch/torch.h>
#include <torch/version.h>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#define ST_EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* TH;

namespace shim {
extern std::atomic<int64_t> live_tensors;
void set_error(const char* msg);

inline TH wrap(at::Tensor t) {
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return new at::Tensor(std::move(t));
}
inline at::IntArrayRef ints(const int64_t* p, int32_t n) { return at::IntArrayRef(p, static_cast<size_t>(n)); }
inline at::Tensor opt(TH t) { return t ? *t : at::Tensor(); }
inline c10::optional<at::Tensor> optional(TH t) { return t ? c10::optional<at::Tensor>(*t) : c10::nullopt; }
inline at::Scalar scalar(double v, int32_t is_int) { return is_int ? at::Scalar(static_cast<int64_t>(v)) : at::Scalar(v); }
inline std::vector<at::Tensor> list(TH* hs, int32_t n) {
  std::vector<at::Tensor> v;
  v.reserve(n);
  for (int32_t i = 0; i < n; i++) v.push_back(*hs[i]);
  return v;
}
// Writes results into a caller-owned array of capacity cap; fails (leaking nothing) if it does not fit.
int32_t write_list(const std::vector<at::Tensor>& ts, TH* out, int32_t cap, int32_t* count);
at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index);
c10::optional<at::Generator> generator(void* g);
}  // namespace shim

#define ST_TRY try {
#define ST_CATCH                                                           \
  }                                                                        \
  catch (const c10::Error& e) {                                            \
    shim::set_error(e.what_without_backtrace());                           \
    return 1;                                                              \
  }                                                                        \
  catch (const std::exception& e) {                                        \
    shim::set_error(e.what());                                             \
    return 1;                                                              \
  }                                                                        \
  catch (...) {                                                            \
    shim::set_error("unknown native exception in libtorch");              \
    return 1;                                                              \
  }                                                                        \
  return 0;
