namespace SimEmulator.Torch;

/// <summary>
/// Frees every tensor created on this thread while it is the innermost open scope, unless the tensor
/// was moved out (TorchSharp's NewDisposeScope). Training steps run inside one.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly HashSet<Tensor> tensors = new(ReferenceEqualityComparer.Instance);
    private readonly DisposeScope? outer;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>Number of tensors this scope will free.</summary>
    public int Count => tensors.Count;

    internal void Add(Tensor t)
    {
        tensors.Add(t);
        t.scope = this;
    }

    internal void Remove(Tensor t)
    {
        tensors.Remove(t);
        t.scope = null;
    }

    /// <summary>Hands the tensor to the enclosing scope (or to nobody, if this is the outermost).</summary>
    public T MoveToOuter<T>(T t) where T : Tensor
    {
        if (t.scope != this) throw new InvalidOperationException("the tensor does not belong to this dispose scope");
        Remove(t);
        outer?.Add(t);
        return t;
    }

    /// <summary>Takes the tensor out of every scope; its owner must dispose it.</summary>
    public T Detach<T>(T t) where T : Tensor
    {
        t.scope?.Remove(t);
        return t;
    }

    public void Dispose()
    {
        if (disposed) return;
        // Checked before marking disposed: a refused Dispose must leave the scope open so it can be disposed properly later.
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed in the reverse order of creation");
        disposed = true;
        current = outer;
        foreach (var t in tensors.ToArray())
        {
            t.scope = null;
            t.Dispose();
        }
        tensors.Clear();
    }
}
