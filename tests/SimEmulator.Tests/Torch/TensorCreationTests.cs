using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public sealed class TensorCreationTests
{
    [Fact]
    public void Zeros_ones_full_and_empty_have_the_requested_shape_dtype_and_value()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros(2, 3);
        var o = torch.ones([4], torch.float64);
        var f = torch.full([2, 2], -1.5, torch.float32);
        var e = torch.empty([3, 0, 2], torch.int32);

        Assert.Equal([2L, 3], z.shape);
        Assert.Equal(ScalarType.Float32, z.dtype); // float32 is the default dtype, as in PyTorch
        Assert.All(z.data<float>(), v => Assert.Equal(0f, v));
        Assert.Equal(ScalarType.Float64, o.dtype);
        Assert.Equal([1.0, 1.0, 1.0, 1.0], o.data<double>());
        Assert.Equal([-1.5f, -1.5f, -1.5f, -1.5f], f.data<float>());
        Assert.Equal([3L, 0, 2], e.shape);
        Assert.Equal(0, e.numel());
        Assert.Equal(ScalarType.Int32, e.dtype);
    }

    [Fact]
    public void Full_in_an_integer_dtype_stores_the_integer_value()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.full([3], 7, torch.int64);
        Assert.Equal([7L, 7, 7], t.data<long>());
    }

    [Fact]
    public void Integer_arange_is_int64_and_excludes_the_end()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(5);
        var b = torch.arange(2, 11, 3);
        var c = torch.arange(5, -1, -2);
        Assert.Equal(ScalarType.Int64, a.dtype);
        Assert.Equal([0L, 1, 2, 3, 4], a.data<long>());
        Assert.Equal([2L, 5, 8], b.data<long>()); // 11 is excluded
        Assert.Equal([5L, 3, 1], c.data<long>());
    }

    [Fact]
    public void Float_arange_steps_by_fractions_in_the_default_dtype()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(0.0, 1.0, 0.25);
        var b = torch.arange(-1.0, 1.0, 0.5, torch.float64);
        Assert.Equal(ScalarType.Float32, a.dtype);
        Assert.Equal([0f, 0.25f, 0.5f, 0.75f], a.data<float>()); // exact binary fractions
        Assert.Equal([-1.0, -0.5, 0.0, 0.5], b.data<double>());
    }

    [Fact]
    public void Linspace_includes_both_ends_with_equal_spacing()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.linspace(-2, 3, 11, torch.float64);
        var v = t.data<double>();
        Assert.Equal(11, v.Length);
        for (var i = 0; i < v.Length; i++) Assert.Equal(-2 + 0.5 * i, v[i], 12); // step (3 − (−2)) / 10
    }

    [Fact]
    public void Eye_is_square_or_rectangular_identity()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([1f, 0, 0, 0, 1, 0, 0, 0, 1], torch.eye(3).data<float>());
        var r = torch.eye(2, 3, torch.int64);
        Assert.Equal([2L, 3], r.shape);
        Assert.Equal([1L, 0, 0, 0, 1, 0], r.data<long>());
    }

    [Fact]
    public void Rand_randn_and_randint_draw_within_their_ranges()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(11);
        var u = torch.rand([1000], torch.float64, generator: g).data<double>();
        Assert.All(u, v => Assert.InRange(v, 0.0, 1.0 - 1e-300)); // U[0, 1): 1 excluded
        var n = torch.randn([7, 3], generator: g);
        Assert.Equal([7L, 3], n.shape);
        Assert.Equal(ScalarType.Float32, n.dtype);
        var k = torch.randint(-3, 4, [2000], generator: g);
        Assert.Equal(ScalarType.Int64, k.dtype);
        var ks = k.data<long>();
        Assert.All(ks, v => Assert.InRange(v, -3, 3)); // [low, high)
        // 2000 draws from 7 values: each is missing with probability (6/7)^2000 ≈ 1e-134.
        Assert.Equal(7, ks.Distinct().Count());
        var k32 = torch.randint(10, [5], torch.int32, generator: g);
        Assert.Equal(ScalarType.Int32, k32.dtype);
    }

    [Fact]
    public void Like_constructors_copy_shape_and_dtype_unless_overridden()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(3);
        var t = torch.empty([2, 5], torch.float64);
        var z = torch.zeros_like(t);
        var o = torch.ones_like(t, torch.int32);
        var f = torch.full_like(t, 2.5);
        var e = torch.empty_like(t);
        var r = torch.rand_like(t, generator: g);
        var n = torch.randn_like(t, torch.float32, generator: g);

        foreach (var x in new[] { z, o, f, e, r, n }) Assert.Equal([2L, 5], x.shape);
        Assert.Equal(ScalarType.Float64, z.dtype);
        Assert.All(z.data<double>(), v => Assert.Equal(0.0, v));
        Assert.Equal(ScalarType.Int32, o.dtype);
        Assert.All(o.data<int>(), v => Assert.Equal(1, v));
        Assert.All(f.data<double>(), v => Assert.Equal(2.5, v));
        Assert.Equal(ScalarType.Float64, e.dtype);
        Assert.All(r.data<double>(), v => Assert.InRange(v, 0.0, 1.0));
        Assert.Equal(ScalarType.Float32, n.dtype);
    }

    [Fact]
    public void Tensor_from_an_array_is_viewed_in_C_order()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal([2L, 3], t.shape);
        Assert.Equal(6f, t[1][2].item<float>()); // row 1, column 2 of [[1,2,3],[4,5,6]]
        Assert.Equal(2f, t[0][1].item<float>());
        var m = torch.from_array(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(3.0, m[1][0].item<double>());
        Assert.Throws<ArgumentException>(() => torch.tensor(new float[] { 1, 2, 3 }, [2, 2]));
    }

    [Fact]
    public void Arrays_of_every_dtype_round_trip_exactly()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal([1.5, -2.25], torch.tensor(new[] { 1.5, -2.25 }).data<double>());
        Assert.Equal([1.5f, -2.25f], torch.tensor(new[] { 1.5f, -2.25f }).data<float>());
        Assert.Equal([(Half)0.5, (Half)(-3)], torch.tensor(new[] { (Half)0.5, (Half)(-3) }).data<Half>());
        Assert.Equal([long.MaxValue, -1L], torch.tensor(new[] { long.MaxValue, -1L }).data<long>());
        Assert.Equal([int.MinValue, 7], torch.tensor(new[] { int.MinValue, 7 }).data<int>());
        Assert.Equal([(byte)0, (byte)255], torch.tensor(new byte[] { 0, 255 }).data<byte>());
        Assert.Equal([true, false, true], torch.tensor(new[] { true, false, true }).data<bool>());
        Assert.Equal(ScalarType.Bool, torch.tensor(new[] { true }).dtype);
        Assert.Equal(ScalarType.Byte, torch.tensor(new byte[] { 1 }).dtype);
        Assert.Equal(ScalarType.Int32, torch.tensor(new[] { 1 }).dtype);
    }

    [Fact]
    public void To_dtype_converts_values_as_PyTorch_does()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 2.7, -2.7, 0.0, 0.1 });

        // Float → int truncates toward zero (C cast semantics, as torch .to(int64)).
        Assert.Equal([2L, -2L, 0L, 0L], x.to(torch.int64).data<long>());
        Assert.Equal([2, -2, 0, 0], x.to(torch.int32).data<int>());
        Assert.Equal([true, true, false, true], x.to(torch.@bool).data<bool>()); // nonzero → true
        Assert.Equal([2.7f, -2.7f, 0f, 0.1f], x.to(torch.float32).data<float>()); // round to nearest float
        Assert.Equal([(Half)2.7, (Half)(-2.7), (Half)0.0, (Half)0.1], x.half().data<Half>());
        Assert.Equal([2, 0, 0, 0], torch.tensor(new[] { 2.0, 0.0, 0.5, 0.99 }).to(torch.uint8).data<byte>().Select(b => (int)b));
        var i = torch.tensor(new long[] { 3, -4 }).to(torch.float64);
        Assert.Equal([3.0, -4.0], i.data<double>());
        Assert.Equal(ScalarType.Float64, x.to(torch.float64).dtype);
    }

    [Fact]
    public void Bfloat16_keeps_the_top_half_of_the_float32_bits_rounded_to_nearest_even()
    {
        using var scope = torch.NewDisposeScope();
        var b = torch.tensor(new[] { 1f, -2.5f, 1f / 3 }).bfloat16();
        Assert.Equal(ScalarType.BFloat16, b.dtype);
        // 1 = 0x3F800000 → 0x3F80; −2.5 = 0xC0200000 → 0xC020; 1/3 = 0x3EAAAAAB: the low half 0xAAAB > 0x8000 rounds up → 0x3EAB.
        Assert.Equal([(ushort)0x3F80, (ushort)0xC020, (ushort)0x3EAB], b.data<ushort>());
        // 0x3EAB0000 = 0.333984375 exactly.
        Assert.Equal([1f, -2.5f, 0.333984375f], b.to(torch.float32).data<float>());
    }

    [Fact]
    public void Item_reads_one_element_in_the_requested_type()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(3.25, torch.tensor(3.25).item<double>());
        Assert.Equal(3.25f, torch.tensor(3.25).item<float>());
        Assert.Equal(1L << 40, torch.full([], 1L << 40, torch.int64).item<long>()); // 2^40 is exact in a double
        Assert.True(torch.tensor(new[] { true }).item<bool>());
        Assert.Equal((Half)0.5, torch.tensor(0.5, torch.float16).item<Half>());
    }

    [Fact]
    public void Explicit_generators_with_the_same_seed_give_the_same_bytes()
    {
        using var scope = torch.NewDisposeScope();
        using var g1 = new Generator(2024);
        using var g2 = new Generator(2024);
        using var g3 = new Generator(2025);
        var a = torch.randn([64], generator: g1).data<float>();
        var b = torch.randn([64], generator: g2).data<float>();
        var c = torch.randn([64], generator: g3).data<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(2024, g1.initial_seed());
    }

    [Fact]
    public void Explicit_generator_streams_match_PyTorch()
    {
        using var scope = torch.NewDisposeScope();
        // Reference draws printed by peers/generator_streams.py (PyTorch 1.13, same CPU generator and samplers as the shim's libtorch).
        using var g = new Generator(2024);
        Assert.Equal([-0.04042916736941367, 1.72599212022981, -0.8140387642807665, 1.3721666341808492, 0.505964787487793, -0.4823373961513638],
            torch.randn([6], torch.float64, generator: g).data<double>());
        Assert.Equal([0.3878039339642865, 0.41226323583367375, 0.43599211407325766, 0.10985614473021932],
            torch.rand([4], torch.float64, generator: g).data<double>());
        Assert.Equal([727L, 783L, 226L, 998L, 799L], torch.randint(0, 1000, [5], generator: g).data<long>());
        g.manual_seed(7);
        var big = torch.randn([32], torch.float64, generator: g); // ≥ 16 normals take libtorch's vectorised path
        Assert.Equal(0.06626753966449943, big[0].item<double>());
        Assert.Equal(0.45257550210102954, big[31].item<double>());
        Assert.Equal(9.94035117994163, big.sum().item<double>(), 12);
        using var fresh = new Generator();
        Assert.Equal(67280421310721L, fresh.initial_seed()); // torch.Generator()'s default seed
    }

    [Fact]
    public void Generator_state_can_be_saved_and_replayed()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(99);
        torch.rand([10], generator: g); // advance the stream somewhere arbitrary
        var state = g.get_state();
        Assert.Equal(ScalarType.Byte, state.dtype);
        var first = torch.randn([32], torch.float64, generator: g).data<double>();
        var firstInts = torch.randint(0, 1000, [8], generator: g).data<long>();
        g.set_state(state);
        Assert.Equal(first, torch.randn([32], torch.float64, generator: g).data<double>());
        Assert.Equal(firstInts, torch.randint(0, 1000, [8], generator: g).data<long>());

        // The saved state also seeds another generator into the same stream.
        using var h = new Generator(1);
        h.set_state(state);
        Assert.Equal(first, torch.randn([32], torch.float64, generator: h).data<double>());
    }

    [Fact]
    public void Generator_manual_seed_restarts_the_stream()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(5);
        var a = torch.rand([16], generator: g).data<float>();
        g.manual_seed(5);
        Assert.Equal(a, torch.rand([16], generator: g).data<float>());
    }

    [Fact]
    public void Randn_of_1e5_samples_has_mean_0_and_std_1_within_5_sigma()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(12345);
        const int n = 100_000;
        var x = torch.randn([n], torch.float64, generator: g);
        var mean = x.mean().item<double>();
        var std = x.std().item<double>();
        // σ(mean) = 1/√n ≈ 3.2e-3 and σ(std) ≈ 1/√(2n) ≈ 2.2e-3 for a unit normal; allow 5σ of each estimator.
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(std, 1 - 5 / Math.Sqrt(2.0 * n), 1 + 5 / Math.Sqrt(2.0 * n));
    }

    [Fact]
    public void Rand_of_1e5_samples_has_mean_one_half_within_5_sigma()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(777);
        const int n = 100_000;
        var mean = torch.rand([n], torch.float64, generator: g).mean().item<double>();
        // U[0,1) has σ = 1/√12, so σ(mean) = 1/√(12 n) ≈ 9.1e-4; allow 5σ.
        var tol = 5 / Math.Sqrt(12.0 * n);
        Assert.InRange(mean, 0.5 - tol, 0.5 + tol);
    }
}

/// <summary>Tests of the process-wide generator; run alone so no parallel test draws from it meanwhile.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class GlobalGeneratorTests
{
    [Fact]
    public void Manual_seed_makes_global_draws_reproducible_byte_for_byte()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        var a = torch.randn([100]).data<float>();
        var ai = torch.randint(0, 100, [10]).data<long>();
        torch.manual_seed(42);
        var b = torch.randn([100]).data<float>();
        var bi = torch.randint(0, 100, [10]).data<long>();
        Assert.Equal(a, b);
        Assert.Equal(ai, bi);
        torch.manual_seed(43);
        Assert.NotEqual(a, torch.randn([100]).data<float>());
    }

    [Fact]
    public void Explicit_generator_draws_do_not_advance_the_global_stream()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var expected = torch.rand([50]).data<float>();

        torch.manual_seed(7);
        using var g = new Generator(7);
        var fromGenerator = torch.rand([1000], generator: g);
        var fromGlobal = torch.rand([50]).data<float>();
        Assert.Equal(expected, fromGlobal);

        // And the explicit stream is unaffected by global draws in between.
        using var g2 = new Generator(7);
        torch.randn([333]);
        Assert.Equal(fromGenerator.data<float>(), torch.rand([1000], generator: g2).data<float>());
    }

    [Fact]
    public void Global_rng_state_can_be_saved_and_restored()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var state = torch.get_rng_state();
        var a = torch.randn([20]).data<float>();
        torch.randn([5]);
        torch.set_rng_state(state);
        Assert.Equal(a, torch.randn([20]).data<float>());
    }
}
