using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

/// <summary>Element-wise comparison of a tensor (any float dtype) with expected values, naming the first bad element.</summary>
internal static class TensorAssert
{
    public static void AssertClose(double[] expected, Tensor actual, double tol)
    {
        using var d = actual.to(torch.float64);
        var a = d.data<double>();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol, $"element {i}: expected {expected[i]}, got {a[i]} (tolerance {tol})");
    }
}
