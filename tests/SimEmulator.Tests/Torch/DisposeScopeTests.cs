using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class DisposeScopeTests
{
    [Fact]
    public void Tensors_created_in_a_scope_are_freed_when_it_ends()
    {
        var before = TorchState.SettledLiveCount();
        Tensor a, b;
        using (var scope = torch.NewDisposeScope())
        {
            a = torch.ones(3, 4);
            b = a * 2 + 1;
            using var c = b.sum();
            // a, b, c and the intermediate a * 2: four native tensors, all owned by the scope.
            Assert.Equal(before + 4, torch.LiveTensorCount);
            Assert.Equal(4, scope.Count);
            Assert.Equal(36.0, c.item<double>(), 12); // 12 elements of 2·1 + 1 = 3
        }
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void Disposing_a_tensor_early_removes_it_from_its_scope()
    {
        var before = TorchState.SettledLiveCount();
        using (var scope = torch.NewDisposeScope())
        {
            var a = torch.zeros(2);
            Assert.Equal(1, scope.Count);
            a.Dispose();
            Assert.Equal(0, scope.Count);
            a.Dispose(); // a second Dispose is a no-op, not a double free
            Assert.Equal(before, torch.LiveTensorCount);
        }
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void MoveToOuterDisposeScope_keeps_one_tensor_alive_past_the_inner_scope()
    {
        var before = TorchState.SettledLiveCount();
        using (var outer = torch.NewDisposeScope())
        {
            Tensor kept, dropped;
            using (var inner = torch.NewDisposeScope())
            {
                dropped = torch.full([2, 2], 7.0);
                kept = (dropped * 3).MoveToOuterDisposeScope();
                Assert.Equal(1, inner.Count);
                Assert.Equal(1, outer.Count);
            }
            Assert.True(dropped.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal([21f, 21f, 21f, 21f], kept.data<float>()); // 7 · 3, by hand
            Assert.Equal(before + 1, torch.LiveTensorCount);
        }
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void MoveToOuterDisposeScope_from_the_outermost_scope_hands_ownership_to_the_caller()
    {
        var before = TorchState.SettledLiveCount();
        Tensor survivor;
        using (torch.NewDisposeScope())
        {
            survivor = torch.ones(5).MoveToOuterDisposeScope();
        }
        Assert.False(survivor.IsDisposed);
        Assert.Equal(before + 1, torch.LiveTensorCount);
        survivor.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void Nested_scopes_free_only_their_own_tensors()
    {
        var before = TorchState.SettledLiveCount();
        using (var outer = torch.NewDisposeScope())
        {
            var a = torch.ones(2);
            using (var inner = torch.NewDisposeScope())
            {
                var b = a + 1;
                var c = b * a;
                Assert.Equal(2, inner.Count);
                Assert.Equal(1, outer.Count);
                Assert.Equal(before + 3, torch.LiveTensorCount);
            }
            Assert.False(a.IsDisposed);
            Assert.Equal(before + 1, torch.LiveTensorCount);
            using (torch.NewDisposeScope())
            {
                var d = a * 5;
                Assert.Equal(before + 2, torch.LiveTensorCount);
            }
            Assert.Equal(before + 1, torch.LiveTensorCount);
        }
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void DetachFromDisposeScope_leaves_the_tensor_to_its_owner()
    {
        var before = TorchState.SettledLiveCount();
        Tensor owned;
        using (var scope = torch.NewDisposeScope())
        {
            owned = torch.arange(4).DetachFromDisposeScope();
            Assert.Equal(0, scope.Count);
            var other = torch.zeros(1);
            Assert.Equal(1, scope.Count);
        }
        Assert.False(owned.IsDisposed);
        Assert.Equal([0L, 1, 2, 3], owned.data<long>());
        Assert.Equal(before + 1, torch.LiveTensorCount);
        owned.Dispose();
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void Tuple_results_and_autograd_gradients_are_owned_by_the_scope()
    {
        var before = TorchState.SettledLiveCount();
        using (torch.NewDisposeScope())
        {
            var x = torch.tensor(new[] { 3.0, 1.0, 2.0 }, requires_grad: true);
            var (values, indices) = x.sort();
            var g = torch.autograd.grad([(x * x).sum()], [x])[0]!;
            var chunks = x.chunk(3);
            Assert.Equal([6.0, 2.0, 4.0], g.data<double>()); // d(Σx²)/dx = 2x
            Assert.Equal([1L, 2, 0], indices.data<long>());
            Assert.Equal(3, chunks.Length);
        }
        Assert.Equal(before, torch.LiveTensorCount);
    }

    [Fact]
    public void Disposing_scopes_out_of_order_throws_and_leaves_both_usable()
    {
        var outer = torch.NewDisposeScope();
        var inner = torch.NewDisposeScope();
        var a = torch.ones(1);
        Assert.Throws<InvalidOperationException>(() => outer.Dispose());

        // The refused Dispose must not have half-closed the outer scope: after the inner one closes,
        // new tensors go to the outer scope again and are freed when it is disposed.
        inner.Dispose();
        Assert.True(a.IsDisposed);
        var b = torch.ones(1);
        Assert.Equal(1, outer.Count);
        outer.Dispose();
        Assert.True(b.IsDisposed);
    }
}
