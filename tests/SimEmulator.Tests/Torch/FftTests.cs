using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public sealed class FftTests
{
    private static double MaxAbsDiff(Tensor a, Tensor b)
    {
        using var d = (a - b).abs().max();
        return d.item<double>();
    }

    [Fact]
    public void Ifftn_inverts_fftn()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var x = torch.randn([4, 6, 5], torch.float64, generator: g);
        var k = torch.fft.fftn(x);
        Assert.Equal(ScalarType.ComplexFloat64, k.dtype);
        Assert.Equal([4L, 6, 5], k.shape);
        var back = torch.fft.ifftn(k);
        // Round-off of a 120-point transform in float64 is ~1e-15 per element.
        Assert.True(MaxAbsDiff(back.real, x) < 1e-12);
        Assert.True(back.imag.abs().max().item<double>() < 1e-12);
    }

    [Fact]
    public void Fftn_of_a_constant_has_only_the_zero_mode()
    {
        using var scope = torch.NewDisposeScope();
        var k = torch.fft.fftn(torch.full([2, 3], 1.5, torch.float64));
        var mags = k.abs().data<double>();
        // Unnormalised forward transform: the zero mode is Σx = 6 · 1.5 = 9, all others 0 (analytic).
        Assert.Equal(9.0, mags[0], 12);
        for (var i = 1; i < mags.Length; i++) Assert.True(mags[i] < 1e-12);
    }

    [Fact]
    public void Rfftn_of_plane_wave_puts_all_power_in_modes_plus_and_minus_three()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 16;
        // f(x, y, z) = cos(2π·3x/N): along the full (first) axis the transform is N³/2 at k_x = 3 and k_x = N − 3 (analytic).
        var x = torch.arange(0.0, n, 1.0, torch.float64).view(n, 1, 1);
        var field = (x * (2 * Math.PI * 3 / n)).cos().expand(n, n, n).contiguous();
        var k = torch.fft.rfftn(field);
        Assert.Equal([(long)n, n, n / 2 + 1], k.shape);
        var re = k.real.contiguous().data<double>();
        var im = k.imag.contiguous().data<double>();
        const double expected = n * n * n / 2.0;
        var mode = 0;
        for (var kx = 0; kx < n; kx++)
            for (var ky = 0; ky < n; ky++)
                for (var kz = 0; kz < n / 2 + 1; kz++, mode++)
                {
                    var want = (kx == 3 || kx == n - 3) && ky == 0 && kz == 0 ? expected : 0.0;
                    Assert.True(Math.Abs(re[mode] - want) < 1e-9, $"Re mode ({kx},{ky},{kz}) = {re[mode]}, expected {want}");
                    Assert.True(Math.Abs(im[mode]) < 1e-9, $"Im mode ({kx},{ky},{kz}) = {im[mode]}");
                }
    }

    [Fact]
    public void Rfftn_of_plane_wave_along_the_last_axis_keeps_only_the_positive_mode()
    {
        using var scope = torch.NewDisposeScope();
        const int n = 8;
        // The last axis is halved to N/2 + 1 non-negative modes: cos(2π·3z/N) shows up once, at k_z = 3, as N³/2.
        var z = torch.arange(0.0, n, 1.0, torch.float64).view(1, 1, n);
        var field = (z * (2 * Math.PI * 3 / n)).cos().expand(n, n, n);
        var power = torch.fft.rfftn(field).abs();
        Assert.Equal(n * n * n / 2.0, power[0][0][3].item<double>(), 9);
        Assert.Equal(n * n * n / 2.0, power.sum().item<double>(), 8);
    }

    [Fact]
    public void Irfftn_with_the_original_size_inverts_rfftn()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(2);
        var x = torch.randn([4, 6, 7], torch.float64, generator: g); // odd last axis: the size must be passed back
        var k = torch.fft.rfftn(x);
        Assert.Equal([4L, 6, 4], k.shape);
        var back = torch.fft.irfftn(k, [4, 6, 7]);
        Assert.Equal([4L, 6, 7], back.shape);
        Assert.True(MaxAbsDiff(back, x) < 1e-12);
        // Without s the last axis comes back as 2·(4 − 1) = 6, as numpy.fft.irfftn does.
        Assert.Equal([4L, 6, 6], torch.fft.irfftn(k).shape);
    }

    [Fact]
    public void Ortho_norm_preserves_the_sum_of_squares()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var x = torch.randn([5, 4, 6], torch.float64, generator: g);
        var energy = x.square().sum().item<double>();
        var k = torch.fft.fftn(x, norm: "ortho");
        var kEnergy = k.abs().square().sum().item<double>();
        Assert.Equal(1.0, kEnergy / energy, 12); // Parseval, with the unitary 1/√N normalisation
        var back = torch.fft.ifftn(k, norm: "ortho");
        Assert.True(MaxAbsDiff(back.real, x) < 1e-12);
        // "forward" puts the whole 1/N on the forward transform: the zero mode is the mean.
        var f = torch.fft.fftn(x, norm: "forward");
        Assert.Equal(x.mean().item<double>(), f.real.flatten()[0].item<double>(), 12);
    }

    [Fact]
    public void Fftn_over_chosen_dims_leaves_the_others_alone()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(4);
        var x = torch.randn([3, 8], torch.float64, generator: g);
        var perRow = torch.fft.fftn(x, dim: [1]);
        for (var r = 0; r < 3; r++)
        {
            var row = torch.fft.fftn(x[r]);
            Assert.True(MaxAbsDiff(perRow[r].real, row.real) < 1e-12);
            Assert.True(MaxAbsDiff(perRow[r].imag, row.imag) < 1e-12);
        }
        Assert.Throws<ArgumentException>(() => torch.fft.fftn(x, norm: "unitary"));
    }

    [Theory]
    [InlineData(8, 1.0)]
    [InlineData(7, 0.5)]
    [InlineData(1, 2.0)]
    public void Fftfreq_and_rfftfreq_follow_numpys_formula(int n, double d)
    {
        using var scope = torch.NewDisposeScope();
        // numpy.fft.fftfreq: [0, 1, ..., (n−1)//2, −(n//2), ..., −1] / (d·n); rfftfreq: [0, ..., n//2] / (d·n)
        var expected = Enumerable.Range(0, n).Select(i => (i <= (n - 1) / 2 ? i : i - n) / (d * n)).ToArray();
        var got = torch.fft.fftfreq(n, d, torch.float64).data<double>();
        Assert.Equal(n, got.Length);
        for (var i = 0; i < n; i++) Assert.Equal(expected[i], got[i], 14);
        var rexpected = Enumerable.Range(0, n / 2 + 1).Select(i => i / (d * n)).ToArray();
        var rgot = torch.fft.rfftfreq(n, d, torch.float64).data<double>();
        Assert.Equal(rexpected.Length, rgot.Length);
        for (var i = 0; i < rgot.Length; i++) Assert.Equal(rexpected[i], rgot[i], 14);
        Assert.Equal(ScalarType.Float32, torch.fft.fftfreq(n).dtype);
    }

    [Fact]
    public void Fftshift_centres_the_zero_frequency_and_ifftshift_undoes_it()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.fft.fftfreq(5, 1, torch.float64); // [0, .2, .4, −.4, −.2]
        var s = torch.fft.fftshift(f).data<double>();
        Assert.Equal([-0.4, -0.2, 0, 0.2, 0.4], s.Select(v => Math.Round(v, 12)));
        Assert.Equal(f.data<double>(), torch.fft.ifftshift(torch.fft.fftshift(f)).data<double>());
    }

    [Fact]
    public void Complex_parts_modulus_phase_and_conjugate_are_the_textbook_ones()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.complex(torch.tensor(new[] { 3.0, 0, -1, 0 }), torch.tensor(new[] { 4.0, 2, 0, -1 }));
        Assert.Equal(ScalarType.ComplexFloat64, z.dtype);
        Assert.True(z.is_complex());
        Assert.Equal([3.0, 0, -1, 0], z.real.data<double>());
        Assert.Equal([4.0, 2, 0, -1], z.imag.data<double>());
        var abs = z.abs().data<double>();
        Assert.Equal([5.0, 2, 1, 1], abs); // 3-4-5 triangle; the others lie on an axis
        var angle = z.angle().data<double>();
        double[] expectedAngle = [Math.Atan2(4, 3), Math.PI / 2, Math.PI, -Math.PI / 2];
        for (var i = 0; i < 4; i++) Assert.Equal(expectedAngle[i], angle[i], 14);
        var c = z.conj();
        Assert.Equal([3.0, 0, -1, 0], c.real.data<double>());
        Assert.Equal([-4.0, -2, 0, 1], c.imag.data<double>().Select(v => v + 0.0)); // + 0.0 folds −0 into 0
        var p = torch.polar(torch.tensor(new[] { 2.0 }), torch.tensor(new[] { Math.PI / 2 }));
        Assert.Equal(0.0, p.real.item<double>(), 14);
        Assert.Equal(2.0, p.imag.item<double>(), 14);
        var pairs = z.view_as_real();
        Assert.Equal([4L, 2], pairs.shape);
        Assert.Equal([3.0, 4, 0, 2, -1, 0, 0, -1], pairs.contiguous().data<double>());
    }
}
