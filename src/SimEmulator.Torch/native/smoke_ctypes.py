"""Smoke test of the C ABI without .NET: loads libsimemu_torch.so with ctypes and drives a few exports.
Used to check a shim built against another libtorch (e.g. PyTorch 2.x with CUDA) on a machine without .NET:
    python3 smoke_ctypes.py BUILD_DIR/libsimemu_torch.so
"""
import ctypes as C
import sys

lib = C.CDLL(sys.argv[1])
lib.st_last_error.restype = C.c_char_p
maj, mi, pa = C.c_int(), C.c_int(), C.c_int()
lib.st_version(C.byref(maj), C.byref(mi), C.byref(pa))
print(f"libtorch {maj.value}.{mi.value}.{pa.value}")
cuda = lib.st_cuda_is_available()
print("cuda available:", bool(cuda), "devices:", lib.st_cuda_device_count())
dev = 1 if cuda else 0
if cuda:
    buf = C.create_string_buffer(256)
    need = C.c_int()
    assert lib.st_cuda_device_name(0, buf, 256, C.byref(need)) == 0, lib.st_last_error()
    print("device 0:", buf.value.decode())

def new(kind, shape, dtype=6):
    arr = (C.c_int64 * len(shape))(*shape)
    out = C.c_void_p()
    assert lib.st_new(kind, arr, len(shape), dtype, dev, 0, None, 0, C.byref(out)) == 0, lib.st_last_error()
    return out

x, w = new(4, [16, 1, 32, 32, 32]), new(4, [64, 1, 4, 4, 4])
s = (C.c_int64 * 3)(2, 2, 2); p = (C.c_int64 * 3)(1, 1, 1); d = (C.c_int64 * 3)(1, 1, 1); o = (C.c_int64 * 3)(0, 0, 0)
y = C.c_void_p()
assert lib.st_convolution(x, w, None, s, p, d, o, 3, 0, 1, C.byref(y)) == 0, lib.st_last_error()
shape = (C.c_int64 * 5)()
lib.st_shape(y, shape)
print("conv3d output shape:", list(shape))
bad = new(4, [16, 2, 8, 8, 8])
rc = lib.st_convolution(bad, w, None, s, p, d, o, 3, 0, 1, C.byref(y))
print("shape mismatch -> status", rc, "message:", lib.st_last_error().decode().splitlines()[0])
print("live tensors:", lib.st_live_tensors())
