using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.CPU, -1, "cpu")]
    [InlineData("cuda", DeviceType.CUDA, 0, "cuda:0")]
    [InlineData("cuda:3", DeviceType.CUDA, 3, "cuda:3")]
    [InlineData(" CUDA:1 ", DeviceType.CUDA, 1, "cuda:1")]
    public void Device_specs_parse_as_in_pytorch(string spec, DeviceType type, int index, string text)
    {
        var d = torch.device(spec);
        Assert.Equal(type, d.type);
        Assert.Equal(index, d.index);
        Assert.Equal(text, d.ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:0:1")]
    public void Bad_device_specs_name_the_spec_and_the_expected_form(string spec)
    {
        var e = Assert.Throws<ArgumentException>(() => torch.device(spec));
        Assert.Contains(spec, e.Message);
        Assert.Contains("cuda", e.Message);
    }

    [Fact]
    public void Moving_to_cuda_without_a_gpu_throws_a_torch_exception_not_a_crash()
    {
        if (torch.cuda.is_available()) return; // on a GPU machine the move is legal; this checks the CPU-only error path
        using var scope = torch.NewDisposeScope();
        var t = torch.ones(3);
        var e = Assert.Throws<TorchException>(() => t.to(torch.CUDA));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        Assert.Equal(3.0, t.sum().item<double>()); // the process and the tensor are still fine
    }
}
