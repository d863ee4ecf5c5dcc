namespace SimEmulator.Torch.Modules;

/// <summary>
/// Spectral normalisation (Miyato et al. 2018) as torch.nn.utils.spectral_norm: the weight becomes
/// weight_orig / σ, with σ estimated by power iteration on buffers weight_u, weight_v once per training forward.
/// </summary>
public static class SpectralNorm
{
    public static T apply<T>(T module, int n_power_iterations = 1, double eps = 1e-12, int? dim = null) where T : WeightedModule
    {
        if (n_power_iterations <= 0)
            throw new ArgumentOutOfRangeException(nameof(n_power_iterations), n_power_iterations, "spectral norm needs at least one power iteration");
        if (module.has_parameter("weight_orig"))
            throw new InvalidOperationException($"{module.GetType().Name} already has spectral normalisation");
        // PyTorch normalises transposed convolutions along dim 1 (their output channels).
        var d = dim ?? (module is ConvTransposeNd ? 1 : 0);
        var weight = module.remove_parameter("weight") ?? throw new ArgumentException("module has no weight");
        module.register_parameter("weight_orig", weight);

        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            using var mat = Matrix(weight, d);
            var (h, w) = (mat.shape[0], mat.shape[1]);
            using var u0 = torch.randn([h], weight.dtype, weight.device);
            using var v0 = torch.randn([w], weight.dtype, weight.device);
            module.register_buffer("weight_u", Normalize(u0, eps));
            module.register_buffer("weight_v", Normalize(v0, eps));
        }
        module.SetComputedWeight(Compute(module, d, n_power_iterations, eps, iterate: false).DetachFromDisposeScope());
        module.register_forward_pre_hook((m, _) =>
            ((WeightedModule)m).SetComputedWeight(Compute(m, d, n_power_iterations, eps, m.training).DetachFromDisposeScope()));
        return module;
    }

    private static Tensor Matrix(Tensor weight, int dim)
    {
        if (dim == 0) return weight.reshape(weight.shape[0], -1);
        var perm = new List<long> { dim };
        perm.AddRange(Enumerable.Range(0, weight.dim()).Where(i => i != dim).Select(i => (long)i));
        using var p = weight.permute(perm.ToArray());
        return p.reshape(weight.shape[dim], -1);
    }

    private static Tensor Normalize(Tensor x, double eps)
    {
        using var n = x.norm();
        using var c = n.clamp_min(eps);
        return x / c;
    }

    private static Tensor Compute(Module m, int dim, int iterations, double eps, bool iterate)
    {
        var weight = m.get_parameter("weight_orig")!;
        var u = m.get_buffer("weight_u")!;
        var v = m.get_buffer("weight_v")!;
        using var mat = Matrix(weight, dim);
        if (iterate)
        {
            using (torch.no_grad())
            using (torch.NewDisposeScope())
            {
                for (var i = 0; i < iterations; i++)
                {
                    using var mt = mat.t();
                    using var mtu = mt.matmul(u);
                    using var nv = Normalize(mtu, eps);
                    v.copy_(nv);
                    using var mv = mat.matmul(v);
                    using var nu = Normalize(mv, eps);
                    u.copy_(nu);
                }
            }
        }
        // σ = uᵀ W v with u, v treated as constants, so gradients flow through W only.
        using var uc = u.clone();
        using var vc = v.clone();
        using var wv = mat.matmul(vc);
        using var sigma = uc.dot(wv);
        return weight / sigma;
    }
}
