using SimEmulator.Torch;

namespace SimEmulator.Tests.Torch;

public sealed class TensorShapeTests
{
    // a[i, j, k] = 100 i + 10 j + k for shape (2, 3, 4): every element names its own coordinates.
    private static Tensor Coded() =>
        torch.tensor(Enumerable.Range(0, 24).Select(n => 100L * (n / 12) + 10 * (n / 4 % 3) + n % 4).ToArray(), [2, 3, 4]);

    private static long[] L(Tensor t)
    {
        using var c = t.to(torch.int64);
        return c.data<long>();
    }

    [Fact]
    public void View_and_reshape_reinterpret_C_order()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(6);
        var v = a.view(2, 3);
        Assert.Equal([2L, 3], v.shape);
        Assert.Equal(5L, v[1][2].item<long>());
        var inferred = a.view(-1, 2);
        Assert.Equal([3L, 2], inferred.shape);
        var r = a.reshape(3, 2);
        Assert.Equal([0L, 1, 2, 3, 4, 5], L(r));
        // A view shares storage: writing through it changes the base.
        v[0].fill_(9);
        Assert.Equal([9L, 9, 9, 3, 4, 5], L(a));
        Assert.Equal([3L, 2], a.view_as(r).shape);
    }

    [Fact]
    public void Permute_and_transpose_move_coordinates()
    {
        using var scope = torch.NewDisposeScope();
        var a = Coded();
        var p = a.permute(2, 0, 1); // p[k, i, j] = a[i, j, k]
        Assert.Equal([4L, 2, 3], p.shape);
        Assert.Equal(123L, p[3][1][2].item<long>());
        Assert.False(p.is_contiguous());
        Assert.True(p.contiguous().is_contiguous());
        var t = a.transpose(0, 2); // t[k, j, i]
        Assert.Equal([4L, 3, 2], t.shape);
        Assert.Equal(112L, t[2][1][1].item<long>());
        var m = torch.arange(6).view(2, 3).t();
        Assert.Equal([0L, 3, 1, 4, 2, 5], L(m.contiguous()));
        Assert.Equal([1L, 3], m.stride()); // a transpose swaps strides (3, 1)
    }

    [Fact]
    public void Flatten_squeeze_and_unsqueeze_change_only_the_shape()
    {
        using var scope = torch.NewDisposeScope();
        var a = Coded();
        Assert.Equal([24L], a.flatten().shape);
        Assert.Equal([2L, 12], a.flatten(1).shape);
        Assert.Equal([6L, 4], a.flatten(0, 1).shape);
        Assert.Equal(L(a), L(a.flatten()));
        var s = torch.zeros(1, 3, 1, 2);
        Assert.Equal([3L, 2], s.squeeze().shape);
        Assert.Equal([3L, 1, 2], s.squeeze(0).shape);
        Assert.Equal([1L, 3, 2], s.squeeze(-2).shape);
        Assert.Equal([3L, 2], s.squeeze(0, 2).shape);
        Assert.Equal([1L, 3, 1, 2], s.squeeze(1).shape); // a dim of size 3 is left alone
        Assert.Equal([3L, 1], torch.zeros(3).unsqueeze(1).shape);
        Assert.Equal([1L, 3], torch.zeros(3).unsqueeze(0).shape);
        Assert.Equal([3L, 1], torch.zeros(3).unsqueeze(-1).shape);
    }

    [Fact]
    public void Expand_repeats_size_one_dims_without_copying()
    {
        using var scope = torch.NewDisposeScope();
        var col = torch.tensor(new long[] { 1, 2, 3 }, [3, 1]);
        var e = col.expand(3, 4);
        Assert.Equal([3L, 4], e.shape);
        Assert.Equal([1L, 0], e.stride()); // stride 0 along the expanded dim: no copy
        Assert.Equal([1L, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], L(e.contiguous()));
        Assert.Equal([3L, 4], col.expand(-1, 4).shape);
        Assert.Equal([1L, 2, 3, 1, 2, 3], L(torch.tensor(new long[] { 1, 2, 3 }).repeat(2)));
    }

    [Fact]
    public void Cat_and_stack_join_along_existing_and_new_dims()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new long[] { 1, 2, 3, 4 }, [2, 2]);
        var b = torch.tensor(new long[] { 5, 6 }, [1, 2]);
        var c0 = torch.cat([a, b]);
        Assert.Equal([3L, 2], c0.shape);
        Assert.Equal([1L, 2, 3, 4, 5, 6], L(c0));
        var c1 = torch.cat([a, a], 1);
        Assert.Equal([1L, 2, 1, 2, 3, 4, 3, 4], L(c1));
        var s = torch.stack([a, a * 10], 0);
        Assert.Equal([2L, 2, 2], s.shape);
        var s2 = torch.stack([a, a * 10], 2);
        Assert.Equal([2L, 2, 2], s2.shape);
        Assert.Equal([1L, 10, 2, 20, 3, 30, 4, 40], L(s2));
    }

    [Fact]
    public void Chunk_split_and_unbind_partition_a_dim()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(7);
        var chunks = a.chunk(3); // ceil(7/3) = 3 per chunk: 3, 3, 1
        Assert.Equal([3L, 3, 1], chunks.Select(c => c.numel()));
        Assert.Equal([6L], L(chunks[2]));
        var parts = a.split(2);
        Assert.Equal([2L, 2, 2, 1], parts.Select(c => c.numel()));
        var sized = a.split([1, 4, 2]);
        Assert.Equal([1L, 2, 3, 4], L(sized[1]));
        var rows = torch.arange(6).view(3, 2).unbind(0);
        Assert.Equal(3, rows.Length);
        Assert.Equal([4L, 5], L(rows[2]));
        var cols = torch.arange(6).view(3, 2).chunk(2, 1);
        Assert.Equal([1L, 3, 5], L(cols[1].contiguous()));
    }

    [Fact]
    public void Narrow_select_and_slice_cut_views()
    {
        using var scope = torch.NewDisposeScope();
        var a = Coded();
        Assert.Equal([11L, 12], L(a.narrow(2, 1, 2)[0][1].contiguous()));
        Assert.Equal([2L, 3, 2], a.narrow(2, 1, 2).shape);
        var s = a.select(1, 2); // a[:, 2, :]
        Assert.Equal([2L, 4], s.shape);
        Assert.Equal([20L, 21, 22, 23, 120, 121, 122, 123], L(s.contiguous()));
        var sl = a.slice(2, 0, 4, 2); // a[..., 0:4:2]
        Assert.Equal([2L, 3, 2], sl.shape);
        Assert.Equal([0L, 2, 10, 12, 20, 22], L(sl[0].contiguous()));
        Assert.Equal([1L, 3], L(torch.arange(5).slice(0, 1, 5, 2)));
        Assert.Equal(123L, a[1][2][3].item<long>());
    }

    [Fact]
    public void Index_select_and_masked_select_gather_elements()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(12).view(3, 4);
        var rows = a.index_select(0, torch.tensor(new long[] { 2, 0, 2 }));
        Assert.Equal([8L, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11], L(rows));
        var cols = a.index_select(1, torch.tensor(new long[] { 3 }));
        Assert.Equal([3L, 7, 11], L(cols));
        var ms = a.masked_select((a % 5.0).eq(0));
        Assert.Equal([0L, 5, 10], L(ms));
        var odd = a.masked_select(torch.tensor(new[] { true, false, false, true }).view(1, 4)); // the mask broadcasts
        Assert.Equal([0L, 3, 4, 7, 8, 11], L(odd));
    }

    [Fact]
    public void Advanced_index_picks_coordinate_pairs_and_null_means_a_full_slice()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(12).view(3, 4);
        var i = torch.tensor(new long[] { 0, 2, 1 });
        var j = torch.tensor(new long[] { 3, 0, 1 });
        Assert.Equal([3L, 8, 5], L(a.index(i, j))); // a[[0,2,1],[3,0,1]]
        var cols = a.index(null, torch.tensor(new long[] { 1, 1 })); // a[:, [1, 1]]
        Assert.Equal([3L, 2], cols.shape);
        Assert.Equal([1L, 1, 5, 5, 9, 9], L(cols));
        var boolRows = a.index(torch.tensor(new[] { true, false, true }));
        Assert.Equal([0L, 1, 2, 3, 8, 9, 10, 11], L(boolRows));
    }

    [Fact]
    public void Index_put_with_accumulate_adds_every_duplicate()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.zeros([5], torch.float64);
        var idx = torch.tensor(new long[] { 1, 3, 1, 1 });
        a.index_put_([idx], torch.tensor(new[] { 1.0, 2, 3, 4 }), accumulate: true);
        Assert.Equal([0, 8.0, 0, 2, 0], a.data<double>()); // index 1 gets 1 + 3 + 4
        var b = torch.zeros([2, 3], torch.float64);
        b.index_put_([torch.tensor(new long[] { 1 }), torch.tensor(new long[] { 2 })], torch.tensor(new[] { 5.0 }));
        Assert.Equal([0, 0, 0, 0, 0, 5.0], b.data<double>());
        b.index_put_([torch.tensor(new long[] { 0, 0 }), null], torch.tensor(new[] { 1.0 }), accumulate: true);
        Assert.Equal([2.0, 2, 2, 0, 0, 5], b.data<double>()); // row 0 += 1 twice, broadcast over columns
    }

    [Fact]
    public void Flip_and_roll_reorder_along_dims()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.arange(6).view(2, 3);
        Assert.Equal([2L, 1, 0, 5, 4, 3], L(a.flip(1)));
        Assert.Equal([5L, 4, 3, 2, 1, 0], L(torch.flip(a, 0, 1)));
        Assert.Equal([3L, 4, 0, 1, 2], L(torch.arange(5).roll(2, 0)));  // out[i] = in[i − 2 mod 5]
        Assert.Equal([2L, 3, 4, 0, 1], L(torch.arange(5).roll(-2, 0)));
        Assert.Equal([5L, 3, 4, 2, 0, 1], L(torch.roll(a, [1, 1], [0, 1])));
    }

    [Fact]
    public void Gather_and_scatter_add_follow_the_index_rule()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new[] { 1.0, 2, 3, 4, 5, 6 }, [2, 3]);
        var gi = torch.tensor(new long[] { 2, 0, 1, 1 }, [2, 2]);
        // out[i][j] = a[i][index[i][j]] along dim 1
        Assert.Equal([3.0, 1, 5, 5], a.gather(1, gi).data<double>());
        var g0 = torch.tensor(new long[] { 1, 0, 1 }, [1, 3]);
        Assert.Equal([4.0, 2, 6], a.gather(0, g0).data<double>()); // out[0][j] = a[index[0][j]][j]

        var target = torch.zeros([4], torch.float64);
        var si = torch.tensor(new long[] { 0, 2, 0, 3, 2 });
        var src = torch.tensor(new[] { 1.0, 10, 100, 1000, 10000 });
        var sum = target.scatter_add(0, si, src);
        Assert.Equal([101.0, 0, 10010, 1000], sum.data<double>());
        Assert.Equal([0.0, 0, 0, 0], target.data<double>()); // the out-of-place form leaves the input alone
        target.scatter_add_(0, si, src);
        Assert.Equal([101.0, 0, 10010, 1000], target.data<double>());
        var scattered = torch.zeros([2, 3], torch.float64).scatter(1, torch.tensor(new long[] { 2, 0 }, [2, 1]), torch.tensor(new[] { 7.0, 8 }, [2, 1]));
        Assert.Equal([0, 0, 7.0, 8, 0, 0], scattered.data<double>());
        var ia = torch.zeros([3], torch.float64).index_add(0, torch.tensor(new long[] { 2, 2 }), torch.tensor(new[] { 1.5, 2.0 }));
        Assert.Equal([0, 0, 3.5], ia.data<double>());
    }
}
