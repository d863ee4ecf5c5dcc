#!/usr/bin/python3
"""Reference draws from PyTorch's CPU generator, for TensorCreationTests.Explicit_generator_streams_match_PyTorch.

Run with /usr/bin/python3 (torch 1.13, the same version as the Debian libtorch the shim links). Prints the
values as C# array literals; the test hard-codes them. Float values are printed with repr(), i.e. round-trip exact.
"""
import torch


def cs(values, suffix=""):
    return "[" + ", ".join(repr(v) + suffix for v in values) + "]"


def main():
    g = torch.Generator().manual_seed(2024)
    randn = torch.randn(6, generator=g, dtype=torch.float64).tolist()
    rand = torch.rand(4, generator=g, dtype=torch.float64).tolist()
    randint = torch.randint(0, 1000, (5,), generator=g).tolist()
    print("randn(6, float64)     =", cs(randn))
    print("rand(4, float64)      =", cs(rand))
    print("randint(0, 1000, [5]) =", cs(randint, "L"))
    # 16 or more normals take the vectorised Box-Muller path; check one of those too.
    g.manual_seed(7)
    big = torch.randn(32, generator=g, dtype=torch.float64)
    print("randn(32, float64) seed 7: [0] =", repr(big[0].item()), " [31] =", repr(big[31].item()),
          " sum =", repr(big.sum().item()))
    print("default generator seed =", torch.Generator().initial_seed())


if __name__ == "__main__":
    main()
