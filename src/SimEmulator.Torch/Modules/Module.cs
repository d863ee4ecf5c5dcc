namespace SimEmulator.Torch.Modules;

/// <summary>
/// Base of every layer and model (torch.nn.Module): named parameters, buffers and submodules in registration
/// order, train/eval, device moves, state dicts. Subclasses register what they own in their constructor.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly OrderedDictionary<string, Parameter?> parameters_ = new();
    private readonly OrderedDictionary<string, (Tensor? tensor, bool persistent)> buffers_ = new();
    private readonly OrderedDictionary<string, Module> children_ = new();
    private readonly List<Action<Module, Tensor>> preHooks = new();

    public bool training { get; private set; } = true;

    /// <summary>The computation; call the module with <see cref="call"/> so forward pre-hooks run.</summary>
    public abstract Tensor forward(Tensor input);

    public Tensor call(Tensor input)
    {
        foreach (var h in preHooks) h(this, input);
        return forward(input);
    }

    /// <summary>Runs before every forward (spectral normalisation recomputes the weight here).</summary>
    public void register_forward_pre_hook(Action<Module, Tensor> hook) => preHooks.Add(hook);

    // ------------------------------------------------------------------ registration
    protected void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"'{name}' is not a valid member name (non-empty, no dots)", nameof(name));
        if (parameters_.ContainsKey(name) || buffers_.ContainsKey(name) || children_.ContainsKey(name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'", nameof(name));
    }

    public void register_parameter(string name, Parameter? parameter)
    {
        CheckName(name);
        parameters_[name] = parameter;
    }

    public void register_buffer(string name, Tensor? tensor, bool persistent = true)
    {
        CheckName(name);
        tensor?.DetachFromDisposeScope();
        buffers_[name] = (tensor, persistent);
    }

    public T register_module<T>(string name, T module) where T : Module
    {
        CheckName(name);
        children_[name] = module;
        return module;
    }

    /// <summary>Removes a parameter and hands it to the caller (used by weight reparametrisations).</summary>
    internal Parameter? remove_parameter(string name)
    {
        if (!parameters_.Remove(name, out var p))
            throw new ArgumentException($"{GetType().Name} has no parameter '{name}'", nameof(name));
        return p;
    }

    public Parameter? get_parameter(string name) =>
        parameters_.TryGetValue(name, out var p) ? p : throw new ArgumentException($"{GetType().Name} has no parameter '{name}'", nameof(name));

    public Tensor? get_buffer(string name) =>
        buffers_.TryGetValue(name, out var b) ? b.tensor : throw new ArgumentException($"{GetType().Name} has no buffer '{name}'", nameof(name));

    public bool has_parameter(string name) => parameters_.ContainsKey(name);

    /// <summary>Replaces a buffer's tensor (the old one is disposed).</summary>
    protected void set_buffer(string name, Tensor tensor)
    {
        var (old, persistent) = buffers_[name];
        tensor.DetachFromDisposeScope();
        buffers_[name] = (tensor, persistent);
        if (!ReferenceEquals(old, tensor)) old?.Dispose();
    }

    // ------------------------------------------------------------------ traversal
    public IEnumerable<(string name, Parameter parameter)> named_parameters(bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, m) in named_modules(recurse))
            foreach (var (n, p) in m.parameters_)
                if (p is not null && seen.Add(p))
                    yield return (Join(prefix, n), p);
    }

    public IEnumerable<Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(x => x.parameter);

    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach (var (prefix, m) in named_modules(recurse))
            foreach (var (n, b) in m.buffers_)
                if (b.tensor is not null)
                    yield return (Join(prefix, n), b.tensor);
    }

    public IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(x => x.buffer);

    public IEnumerable<(string name, Module module)> named_children() => children_.Select(kv => (kv.Key, kv.Value));
    public IEnumerable<Module> children() => children_.Values;

    /// <summary>This module (name "") and, when recurse, every descendant with its dotted path.</summary>
    public IEnumerable<(string name, Module module)> named_modules(bool recurse = true)
    {
        yield return ("", this);
        if (!recurse) yield break;
        foreach (var (n, c) in children_)
            foreach (var (sub, m) in c.named_modules())
                yield return (Join(n, sub), m);
    }

    public IEnumerable<Module> modules() => named_modules().Select(x => x.module);

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "." + b;

    /// <summary>Number of scalar parameters (trainable only, if asked).</summary>
    public long num_parameters(bool trainable_only = false) =>
        parameters().Where(p => !trainable_only || p.requires_grad).Sum(p => p.numel());

    // ------------------------------------------------------------------ modes and devices
    public Module train(bool mode = true)
    {
        foreach (var m in modules()) m.training = mode;
        return this;
    }

    public Module eval() => train(false);

    /// <summary>Moves (or casts) every parameter and buffer in place; references to them stay valid.</summary>
    public Module to(Device device) => Apply(t => t.to(device), castIntegers: true);

    /// <summary>Casts floating-point parameters and buffers; integer buffers (counters) keep their type.</summary>
    public Module to(ScalarType dtype) => Apply(t => t.to(dtype), castIntegers: false);

    public Module to(string device) => to(Device.Parse(device));

    private Module Apply(Func<Tensor, Tensor> f, bool castIntegers)
    {
        using var _ = torch.no_grad();
        foreach (var m in modules())
        {
            foreach (var (_, p) in m.parameters_)
            {
                if (p is null) continue;
                var rg = p.requires_grad;
                using var moved = f(p);
                p.SwapHandle(moved.detach());
                p.requires_grad = rg;
            }
            foreach (var (_, b) in m.buffers_)
            {
                if (b.tensor is null || (!castIntegers && !b.tensor.is_floating_point())) continue;
                b.tensor.SwapHandle(f(b.tensor));
            }
        }
        return this;
    }

    public void zero_grad(bool set_to_none = true)
    {
        foreach (var p in parameters()) p.zero_grad(set_to_none);
    }

    // ------------------------------------------------------------------ state
    /// <summary>Parameters and persistent buffers by dotted name, as new detached handles sharing storage.</summary>
    public Dictionary<string, Tensor> state_dict()
    {
        var d = new Dictionary<string, Tensor>();
        foreach (var (prefix, m) in named_modules())
        {
            foreach (var (n, p) in m.parameters_)
                if (p is not null) d[Join(prefix, n)] = p.detach();
            foreach (var (n, b) in m.buffers_)
                if (b.tensor is not null && b.persistent) d[Join(prefix, n)] = b.tensor.detach();
        }
        return d;
    }

    /// <summary>
    /// Copies values into this module's parameters and buffers. With strict, missing or unexpected names and
    /// shape mismatches all throw one exception listing every problem.
    /// </summary>
    public (IReadOnlyList<string> missing, IReadOnlyList<string> unexpected) load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var targets = new Dictionary<string, Tensor>();
        foreach (var (prefix, m) in named_modules())
        {
            foreach (var (n, p) in m.parameters_)
                if (p is not null) targets[Join(prefix, n)] = p;
            foreach (var (n, b) in m.buffers_)
                if (b.tensor is not null && b.persistent) targets[Join(prefix, n)] = b.tensor;
        }
        var missing = targets.Keys.Where(k => !state.ContainsKey(k)).ToList();
        var unexpected = state.Keys.Where(k => !targets.ContainsKey(k)).ToList();
        var problems = new List<string>();
        foreach (var (k, t) in targets)
        {
            if (!state.TryGetValue(k, out var src)) continue;
            var (ts, ss) = (t.shape, src.shape);
            if (!ts.SequenceEqual(ss))
                problems.Add($"'{k}': expected shape [{string.Join(", ", ts)}], got [{string.Join(", ", ss)}]");
        }
        if (strict)
        {
            if (missing.Count > 0) problems.Add("missing: " + string.Join(", ", missing));
            if (unexpected.Count > 0) problems.Add("unexpected: " + string.Join(", ", unexpected));
        }
        if (problems.Count > 0)
            throw new ArgumentException($"state dict does not fit {GetType().Name}: " + string.Join("; ", problems));
        using (torch.no_grad())
            foreach (var (k, t) in targets)
                if (state.TryGetValue(k, out var src)) t.copy_(src);
        return (missing, unexpected);
    }

    /// <summary>Writes the state dict as safetensors (atomically).</summary>
    public void save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var sd = state_dict();
        try { SafeTensors.save_file(sd, path, metadata); }
        finally { foreach (var t in sd.Values) t.Dispose(); }
    }

    /// <summary>Loads a safetensors state dict written by <see cref="save"/> or by Python's safetensors.</summary>
    public Module load(string path, bool strict = true)
    {
        var sd = SafeTensors.load_file(path);
        try
        {
            var dev = parameters().FirstOrDefault()?.device;
            if (dev is not null && dev.type != DeviceType.CPU)
                foreach (var k in sd.Keys.ToList())
                {
                    var moved = sd[k].to(dev);
                    sd[k].Dispose();
                    sd[k] = moved;
                }
            try { load_state_dict(sd, strict); }
            catch (ArgumentException e) { throw new ArgumentException($"{path}: {e.Message}", e); }
        }
        finally { foreach (var t in sd.Values) t.Dispose(); }
        return this;
    }

    public override string ToString() => GetType().Name;

    public virtual void Dispose()
    {
        foreach (var (_, c) in children_) c.Dispose();
        foreach (var (_, p) in parameters_) p?.Dispose();
        foreach (var (_, b) in buffers_) b.tensor?.Dispose();
        GC.SuppressFinalize(this);
    }
}
