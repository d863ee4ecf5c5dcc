using SimEmulator.Torch;
using F = SimEmulator.Torch.torch.nn.functional;

namespace SimEmulator.Tests.Torch;

/// <summary>libtorch errors surface as TorchException with libtorch's own message, and the process carries on.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void Conv3d_with_mismatched_channels_reports_libtorchs_message_and_the_next_op_works()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(1, 2, 5, 5, 5);
        var w = torch.zeros(4, 3, 3, 3, 3);
        var e = Assert.Throws<TorchException>(() => F.conv3d(x, w));
        // libtorch 1.13: "Given groups=1, weight of size [4, 3, 3, 3, 3], expected input[1, 2, 5, 5, 5] to have 3
        // channels, but got 2 channels instead"
        Assert.Contains("expected input[1, 2, 5, 5, 5] to have 3 channels", e.Message);
        Assert.Contains("but got 2 channels instead", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message); // the C++ backtrace is left out

        var ok = F.conv3d(x, torch.ones(4, 2, 3, 3, 3));
        Assert.Equal([1L, 4, 3, 3, 3], ok.shape);
    }

    [Fact]
    public void Matmul_of_incompatible_shapes_names_both_shapes()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.zeros(2, 3).matmul(torch.zeros(4, 5)));
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)", e.Message);
        var e2 = Assert.Throws<TorchException>(() => torch.bmm(torch.zeros(2, 2, 3), torch.zeros(3, 3, 2)));
        Assert.Contains("batch", e2.Message);
        Assert.Equal(6.0, torch.ones(2, 3).matmul(torch.ones(3, 1)).sum().item<double>()); // still healthy
    }

    [Fact]
    public void Broadcasting_mismatch_names_the_dimension()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<TorchException>(() => torch.zeros(3) + torch.zeros(4));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0", e.Message);
    }

    [Fact]
    public void Reading_data_with_the_wrong_element_type_throws_ArgumentException()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(3); // int64
        var e = Assert.Throws<ArgumentException>(() => t.data<float>());
        Assert.Contains("int64", e.Message);
        Assert.Contains("float32", e.Message);
        Assert.Contains(".to(", e.Message); // tells the caller how to fix it
        Assert.Throws<ArgumentException>(() => torch.zeros(2).data<double>());
        Assert.Throws<ArgumentException>(() => torch.zeros(2).CopyFrom<long>(new long[2]));
        Assert.Equal([0L, 1, 2], t.data<long>());
    }

    [Fact]
    public void Copying_a_buffer_of_the_wrong_length_fails_cleanly()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros(4);
        var e = Assert.Throws<TorchException>(() => t.CopyFrom<float>(new float[3]));
        Assert.Contains("12 bytes", e.Message);
        t.CopyFrom<float>(new float[] { 1, 2, 3, 4 });
        Assert.Equal([1f, 2, 3, 4], t.data<float>());
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException()
    {
        var t = torch.ones(2);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.shape);
        Assert.Throws<ObjectDisposedException>(() => t + 1);
        Assert.Throws<ObjectDisposedException>(() => t.data<float>());
        using var other = torch.ones(2);
        Assert.Throws<ObjectDisposedException>(() => other * t);
        Assert.Equal("tensor(disposed)", t.ToString());
        var g = new Generator(1);
        g.Dispose();
        Assert.Throws<ObjectDisposedException>(() => torch.rand([2], generator: g));
    }

    [Fact]
    public void View_of_a_non_contiguous_tensor_suggests_reshape()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros(3, 4).t();
        var e = Assert.Throws<TorchException>(() => t.view(12));
        Assert.Contains("view size is not compatible with input tensor's size and stride", e.Message);
        Assert.Contains("Use .reshape(...) instead", e.Message);
        Assert.Equal([12L], t.reshape(12).shape);
    }

    [Fact]
    public void Out_of_range_indices_are_reported_not_read()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros(3, 2);
        var e = Assert.Throws<TorchException>(() => t.select(0, 5));
        Assert.Contains("index 5 out of range for tensor of size [3, 2] at dimension 0", e.Message);
        Assert.Throws<TorchException>(() => t[3]);
        var e2 = Assert.Throws<TorchException>(() => t.index_select(0, torch.tensor(new long[] { 0, 7 })));
        Assert.Contains("out of range", e2.Message);
        var e3 = Assert.Throws<TorchException>(() => t.index(torch.tensor(new long[] { -4 })));
        Assert.Contains("out of bounds", e3.Message);
        Assert.Throws<TorchException>(() => t.sum(2L));
        Assert.Throws<TorchException>(() => t.gather(1, torch.tensor(new long[] { 0, 2, 0, 0, 0, 0 }, [3, 2])));
        Assert.Contains("dim 4 is out of range for a 2-d tensor", Assert.Throws<ArgumentOutOfRangeException>(() => t.size(4)).Message);
        Assert.Equal(0.0, t[2][1].item<double>());
    }

    [Fact]
    public void Invalid_arguments_are_rejected_before_reaching_libtorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(1, 1, 4);
        Assert.Throws<ArgumentException>(() => F.pad(x, [1, 1], "mirror"));
        Assert.Throws<ArgumentException>(() => F.interpolate(x, mode: "nearest"));
        Assert.Throws<ArgumentException>(() => F.interpolate(x, scale_factor: [2], align_corners: true)); // PyTorch refuses it for nearest
        Assert.Throws<ArgumentException>(() => F.gelu(x, "fast"));
        Assert.Throws<ArgumentException>(() => F.mse_loss(x, x, "avg"));
        Assert.Throws<ArgumentException>(() => F.conv1d(x, torch.zeros(1, 1, 2), stride: [1, 1]));
        Assert.Throws<ArgumentException>(() => torch.device("tpu"));
        Assert.Throws<ArgumentException>(() => x.roll([1, 2], [0]));
        Assert.Throws<TorchException>(() => torch.arange(3).item<long>()); // more than one element
    }

    [Fact]
    public void Errors_from_many_failing_calls_do_not_leak_or_corrupt_state()
    {
        using var scope = torch.NewDisposeScope();
        var before = scope.Count;
        for (var i = 0; i < 100; i++)
            Assert.Throws<TorchException>(() => torch.zeros(2, 3).matmul(torch.zeros(2, 3)));
        // Only the 200 operands were created; no half-made results were registered.
        Assert.Equal(before + 200, scope.Count);
        var e = Assert.Throws<TorchException>(() => torch.zeros(3).view(2));
        Assert.Contains("shape '[2]' is invalid for input of size 3", e.Message); // the message is the latest error's
    }
}
