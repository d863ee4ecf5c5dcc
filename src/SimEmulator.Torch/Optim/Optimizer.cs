using System.Globalization;
using static SimEmulator.Torch.Native.NativeMethods;

namespace SimEmulator.Torch.Optim;

/// <summary>
/// Base of torch.optim's optimizers: parameter groups, per-parameter state that outlives dispose scopes,
/// step, zero_grad, and a state dict made only of tensors so that it saves as safetensors.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<ParamGroup> groups = new();
    private readonly Dictionary<Parameter, ParamState> state = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>Names of the buffers the algorithm may keep per parameter, in state-dict order.</summary>
    protected abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>Buffers every parameter with state has; the rest depend on options and are created when first needed.</summary>
    protected abstract IReadOnlyList<string> RequiredStateNames { get; }

    /// <summary>Whether the algorithm counts steps per parameter (state.{i}.step).</summary>
    protected virtual bool UsesStep => true;

    /// <summary>Updates one parameter in place from its gradient; called only for parameters that have one.</summary>
    protected abstract void Update(ParamGroup group, Parameter parameter, Tensor grad, ParamState state);

    protected void AddGroup(ParamGroup group)
    {
        ThrowIfDisposed();
        var existing = groups.SelectMany(g => g.@params).ToHashSet(ReferenceEqualityComparer.Instance);
        if (group.@params.Any(existing.Contains))
            throw new ArgumentException("some parameters appear in more than one parameter group", nameof(group));
        group.validate();
        groups.Add(group);
    }

    protected static List<Parameter> NonEmpty(IEnumerable<Parameter> parameters, string paramName)
    {
        ArgumentNullException.ThrowIfNull(parameters, paramName);
        var list = parameters.ToList();
        if (list.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", paramName);
        return list;
    }

    /// <summary>One update of every parameter that has a gradient; parameters whose grad is null are skipped.</summary>
    public void step()
    {
        ThrowIfDisposed();
        foreach (var group in groups)
            foreach (var p in group.@params)
            {
                using var grad = p.grad;
                if (grad is null) continue;
                if (!state.TryGetValue(p, out var s)) state[p] = s = new ParamState();
                Update(group, p, grad, s);
            }
    }

    /// <summary>Drops (set_to_none) or zeroes every parameter's gradient.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        ThrowIfDisposed();
        foreach (var group in groups)
            foreach (var p in group.@params)
                p.zero_grad(set_to_none);
    }

    // ------------------------------------------------------------------ state dict
    /// <summary>
    /// The state as PyTorch numbers it (parameter i counts across groups in order): state.{i}.step (float32 0-d),
    /// state.{i}.{buffer}, param_groups.{g}.params (int64 indices) and param_groups.{g}.{option}.
    /// Buffers are new handles sharing storage with the live state (they follow later steps; clone to snapshot);
    /// the caller, or its dispose scope, disposes them.
    /// </summary>
    public Dictionary<string, Tensor> state_dict()
    {
        ThrowIfDisposed();
        var d = new Dictionary<string, Tensor>();
        try
        {
            var i = 0;
            foreach (var group in groups)
                foreach (var p in group.@params)
                {
                    if (state.TryGetValue(p, out var s))
                    {
                        if (UsesStep) d[$"state.{i}.step"] = torch.tensor((double)s.step, ScalarType.Float32);
                        foreach (var name in StateNames)
                            if (s[name] is { } buffer) d[$"state.{i}.{name}"] = buffer.detach();
                    }
                    i++;
                }
            var first = 0;
            for (var g = 0; g < groups.Count; g++)
            {
                var n = groups[g].@params.Count;
                d[$"param_groups.{g}.params"] = torch.tensor(Enumerable.Range(first, n).Select(x => (long)x).ToArray());
                first += n;
                foreach (var h in groups[g].hyperparameters())
                {
                    if (h.value is null) continue;
                    d[$"param_groups.{g}.{h.name}"] = h.isBool
                        ? torch.full(h.shape, h.value[0], ScalarType.Bool)
                        : torch.tensor(h.value, h.shape);
                }
            }
            return d;
        }
        catch
        {
            foreach (var t in d.Values) t.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Restores state and options from <see cref="state_dict"/>'s layout (e.g. read back with SafeTensors.load_file).
    /// Unknown or missing keys and shape mismatches throw one ArgumentException naming every problem, before
    /// anything changes. State is copied onto each parameter's device and, for buffers, its dtype.
    /// </summary>
    public void load_state_dict(IReadOnlyDictionary<string, Tensor> state_dict)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(state_dict);
        var problems = new List<string>();
        var used = new HashSet<string>();
        var parameters = groups.SelectMany(g => g.@params).ToList();

        // Everything is checked before anything changes; options are applied first (and rolled back on failure).
        var pending = new List<(Hyperparameter h, double[]? value)>();
        var first = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            var n = groups[g].@params.Count;
            var key = $"param_groups.{g}.params";
            if (Get(key) is not { } ix) problems.Add($"missing '{key}'");
            else if (CheckShape(key, ix, [n], $"group {g} has {n} parameters", problems))
            {
                var got = Doubles(ix);
                if (!got.Select((v, k) => v == first + k).All(x => x))
                    problems.Add($"'{key}': expected parameter indices {first}..{first + n - 1}, got [{string.Join(", ", got)}]");
            }
            first += n;
            foreach (var h in groups[g].hyperparameters())
            {
                key = $"param_groups.{g}.{h.name}";
                if (Get(key) is not { } t)
                {
                    if (h.optional) pending.Add((h, null));
                    else problems.Add($"missing '{key}'");
                    continue;
                }
                if (!CheckShape(key, t, h.shape, null, problems)) continue;
                var v = Doubles(t);
                if (h.isBool && v.Any(x => x != 0 && x != 1)) problems.Add($"'{key}': expected a boolean, got {Hyperparameter.Format(v[0])}");
                else pending.Add((h, v));
            }
        }

        var loaded = new Dictionary<int, Dictionary<string, Tensor>>();
        foreach (var (key, t) in state_dict)
        {
            if (!key.StartsWith("state.", StringComparison.Ordinal)) continue;
            var rest = key["state.".Length..];
            var dot = rest.IndexOf('.');
            if (dot < 0 || !int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ||
                i >= parameters.Count || rest[..dot] != i.ToString(CultureInfo.InvariantCulture))
                continue;
            var name = rest[(dot + 1)..];
            if (!(name == "step" && UsesStep) && !StateNames.Contains(name)) continue;
            used.Add(key);
            var p = parameters[i];
            if (name == "step")
            {
                if (!CheckShape(key, t, [], "a step count", problems)) continue;
                var step = Doubles(t)[0];
                if (!(step >= 0 && step == Math.Floor(step))) { problems.Add($"'{key}': expected a non-negative whole step count, got {Hyperparameter.Format(step)}"); continue; }
            }
            else if (!CheckShape(key, t, p.shape, $"the shape of parameter {i}", problems)) continue;
            if (!loaded.TryGetValue(i, out var entry)) loaded[i] = entry = new();
            entry[name] = t;
        }
        string[] required = UsesStep ? ["step", .. RequiredStateNames] : [.. RequiredStateNames];
        foreach (var (i, entry) in loaded)
            foreach (var name in required)
                if (!entry.ContainsKey(name)) problems.Add($"missing 'state.{i}.{name}' (parameter {i} has other state)");
        var unexpected = state_dict.Keys.Where(k => !used.Contains(k)).ToList();
        if (unexpected.Count > 0) problems.Add("unexpected keys: " + string.Join(", ", unexpected.Select(k => $"'{k}'")));
        if (problems.Count > 0)
            throw new ArgumentException($"state dict does not fit this {GetType().Name} ({groups.Count} groups, {parameters.Count} parameters): " +
                string.Join("; ", problems), nameof(state_dict));

        var rollback = new List<(Hyperparameter h, double[]? old)>();
        var fresh = new Dictionary<Parameter, ParamState>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var (h, v) in pending)
            {
                rollback.Add((h, h.value));
                h.set(v);
            }
            foreach (var g in groups) g.validate();
            foreach (var (i, entry) in loaded)
            {
                var p = parameters[i];
                var s = fresh[p] = new ParamState();
                foreach (var (name, t) in entry)
                {
                    if (name == "step") s.step = (long)Doubles(t)[0];
                    else s.Set(name, CopyLike(t, p));
                }
            }
        }
        catch
        {
            for (var k = rollback.Count - 1; k >= 0; k--) rollback[k].h.set(rollback[k].old);
            foreach (var s in fresh.Values) s.Dispose();
            throw;
        }
        foreach (var s in state.Values) s.Dispose();
        state.Clear();
        foreach (var (p, s) in fresh) state[p] = s;

        Tensor? Get(string key)
        {
            if (!state_dict.TryGetValue(key, out var t)) return null;
            used.Add(key);
            return t;
        }
    }

    private static bool CheckShape(string key, Tensor t, long[] expected, string? why, List<string> problems)
    {
        var got = t.shape;
        if (got.SequenceEqual(expected)) return true;
        problems.Add($"'{key}': expected shape [{string.Join(", ", expected)}]{(why is null ? "" : $" ({why})")}, got [{string.Join(", ", got)}]");
        return false;
    }

    private static double[] Doubles(Tensor t)
    {
        using var cpu = t.to(torch.CPU, ScalarType.Float64);
        return cpu.data<double>();
    }

    /// <summary>A private copy of t on p's device in p's dtype, owned by the optimizer (outside every dispose scope).</summary>
    private static Tensor CopyLike(Tensor t, Tensor p)
    {
        var dev = p.device;
        return Tensor.Wrap(st_to(t.Handle, (int)p.dtype, (int)dev.type, dev.index, 0, 1, out var h), h).DetachFromDisposeScope();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var s in state.Values) s.Dispose();
        state.Clear();
        GC.SuppressFinalize(this);
    }

    /// <summary>One parameter's optimizer state: its step count and named buffers shaped like it.</summary>
    protected sealed class ParamState : IDisposable
    {
        private readonly Dictionary<string, Tensor> buffers = new();

        /// <summary>Updates applied to this parameter (PyTorch's state['step']).</summary>
        public long step { get; set; }

        public Tensor? this[string name] => buffers.GetValueOrDefault(name);

        /// <summary>The named buffer, created as zeros like the parameter (and kept out of dispose scopes) if absent.</summary>
        public Tensor zeros(string name, Tensor like, out bool created)
        {
            created = !buffers.TryGetValue(name, out var t);
            if (created) buffers[name] = t = torch.zeros_like(like).DetachFromDisposeScope();
            return t!;
        }

        public Tensor zeros(string name, Tensor like) => zeros(name, like, out _);

        /// <summary>Drops a buffer (freeing it), e.g. when an update that created it failed.</summary>
        public void remove(string name)
        {
            if (buffers.Remove(name, out var t)) t.Dispose();
        }

        internal void Set(string name, Tensor t)
        {
            remove(name);
            buffers[name] = t;
        }

        public void Dispose()
        {
            foreach (var t in buffers.Values) t.Dispose();
            buffers.Clear();
        }
    }
}
