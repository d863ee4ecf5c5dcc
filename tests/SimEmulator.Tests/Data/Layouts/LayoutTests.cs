using SimEmulator.Data.Hdf5;
using SimEmulator.Data.Layouts;

namespace SimEmulator.Tests.Data.Layouts;

public sealed class LayoutTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("simemu-layouts-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static readonly FieldSetInfo Info = new(128.0, 4, 0.0, FieldKind.Overdensity, "CIC", Cosmology.Quijote, "test");

    private static float[] Cube(int seed) => Enumerable.Range(0, 64).Select(i => (float)(seed * 1000 + i) / 7f).ToArray();

    [Fact]
    public void Field_set_round_trips_cubes_seeds_and_metadata_exactly()
    {
        var path = Path.Combine(dir, "sims.h5");
        using (var w = FieldSetWriter.Create(path, Info))
        {
            w.Append(Cube(1), 101);
            w.AppendBatch([.. Cube(2), .. Cube(3)], [102, 103]);
            Assert.False(File.Exists(path)); // still under its temporary name
            w.Complete();
        }
        using var fs = FieldSet.Open(path);
        Assert.Equal(Info, fs.Info with { Cosmology = fs.Info.Cosmology });
        Assert.Equal(Cosmology.Quijote, fs.Info.Cosmology);
        Assert.Equal([101L, 102, 103], fs.Seeds);
        Assert.Equal(Cube(2), fs.ReadField(1)); // float32 stored and read back bit for bit
        Assert.Equal(Cube(3), fs.ReadField(2));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
    }

    [Fact]
    public void Field_set_opens_in_h5py_as_the_data_readme_documents()
    {
        var path = Path.Combine(dir, "forpy.h5");
        using (var w = FieldSetWriter.Create(path, Info))
        {
            w.Append(Cube(1), 7);
            w.Complete();
        }
        // The README's three lines of Python: attributes, one realization, seeds.
        var output = SimEmulator.Tests.Data.Gadget.GadgetHdf5SnapshotTests.RunPython(
            "import h5py,sys; f=h5py.File(sys.argv[1]); a=f.attrs; c=f['fields'][0]; " +
            "print(a['kind'], int(a['grid']), float(a['box_size']), a['mass_assignment'], f['fields'].shape, f['fields'].maxshape, " +
            "int(f['seeds'][0]), float(c[0,0,2]), str(c.dtype))", path);
        Assert.Equal($"overdensity 4 128.0 CIC (1, 4, 4, 4) (None, 4, 4, 4) 7 {(double)Cube(1)[2]:R} float32", output);
    }

    [Fact]
    public void Equal_inputs_give_byte_identical_files()
    {
        // libhdf5 stamps objects with the clock unless told not to; a second apart, the files would differ.
        string Write(string name)
        {
            var p = Path.Combine(dir, name);
            using var w = FieldSetWriter.Create(p, Info);
            w.Append(Cube(1), 1);
            w.Complete();
            return p;
        }
        var a = Write("a.h5");
        Thread.Sleep(1100);
        var b = Write("b.h5");
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void Field_set_writer_disposed_before_completion_leaves_no_file()
    {
        var path = Path.Combine(dir, "partial.h5");
        using (var w = FieldSetWriter.Create(path, Info)) w.Append(Cube(1), 1);
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void Interrupted_run_is_resumed_from_the_partial_file_and_completed()
    {
        var path = Path.Combine(dir, "resume.h5");
        using (var w = FieldSetWriter.CreateOrResume(path, Info))
        {
            w.Append(Cube(1), 1);
            w.Append(Cube(2), 2);
        } // interrupted: no Complete
        Assert.False(File.Exists(path));
        Assert.True(File.Exists(path + ".partial"));
        using (var w = FieldSetWriter.CreateOrResume(path, Info))
        {
            Assert.True(w.Contains(1) && w.Contains(2) && !w.Contains(3));
            Assert.Equal(2, w.Count);
            w.Append(Cube(3), 3);
            w.Complete();
        }
        Assert.False(File.Exists(path + ".partial"));
        using var fs = FieldSet.Open(path);
        Assert.Equal([1L, 2, 3], fs.Seeds);
        Assert.Equal(Cube(3), fs.ReadField(2));
    }

    [Fact]
    public void Finished_field_set_is_extended_without_touching_it_until_the_new_one_completes()
    {
        var path = Path.Combine(dir, "extend.h5");
        using (var w = FieldSetWriter.CreateOrResume(path, Info))
        {
            w.Append(Cube(1), 1);
            w.Complete();
        }
        var before = File.ReadAllBytes(path);
        using (var w = FieldSetWriter.CreateOrResume(path, Info))
        {
            Assert.True(w.Contains(1));
            w.Append(Cube(2), 2);
            Assert.Equal(before, File.ReadAllBytes(path)); // the finished file is intact meanwhile
            w.Complete();
        }
        using var fs = FieldSet.Open(path);
        Assert.Equal([1L, 2], fs.Seeds);
    }

    [Fact]
    public void Resuming_with_different_settings_is_refused_with_both_settings_named()
    {
        var path = Path.Combine(dir, "other.h5");
        using (var w = FieldSetWriter.CreateOrResume(path, Info)) w.Append(Cube(1), 1);
        var e = Assert.Throws<LayoutException>(() => FieldSetWriter.CreateOrResume(path, Info with { BoxSizeMpcH = 256 }));
        Assert.Contains(".partial", e.Message);
        Assert.Contains("box 128 Mpc/h", e.Message);
        Assert.Contains("box 256 Mpc/h", e.Message);
    }

    [Fact]
    public void Field_set_writer_refuses_nan_and_wrong_sizes()
    {
        using var w = FieldSetWriter.Create(Path.Combine(dir, "bad.h5"), Info);
        var cube = Cube(1);
        cube[5] = float.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => w.Append(cube, 1)).Message);
        Assert.Contains("64", Assert.Throws<ArgumentException>(() => w.Append(new float[63], 1)).Message);
    }

    [Fact]
    public void Opening_a_file_without_the_layout_lists_every_missing_attribute_and_dataset()
    {
        var path = Path.Combine(dir, "foreign.h5");
        using (var f = H5File.Create(path))
        {
            f.Attributes.Set("box_size", 100.0);
            using (f.WriteDataset<float>("fields", new float[8], [8])) { }
        }
        var e = Assert.Throws<LayoutException>(() => FieldSet.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'grid'", e.Message);
        Assert.Contains("'sigma_8'", e.Message);
        Assert.DoesNotContain("'box_size'", e.Message);
        Assert.Contains("dataset 'fields' has shape [8], expected float32 [N, n, n, n]", e.Message);
        Assert.Contains("'seeds'", e.Message);
    }

    [Fact]
    public void Image_set_round_trips_images_parameters_and_metadata()
    {
        var path = Path.Combine(dir, "gal.h5");
        var images = Enumerable.Range(0, 2 * 1 * 3 * 5).Select(i => i * 0.25f).ToArray();
        var set = new ImageSet(new ImageSetInfo(0.262, ["r"], 1.2, 0.01, "test"), images, [2, 1, 3, 5],
            new Dictionary<string, double[]> { ["sersic_n"] = [1.0, 4.0], ["hlr_arcsec"] = [0.5, 1.5] });
        set.Save(path);
        var back = ImageSet.Load(path);
        Assert.Equal(images, back.Images);
        Assert.Equal([2L, 1, 3, 5], back.Shape);
        Assert.Equal(["r"], back.Info.Bands);
        Assert.Equal(0.262, back.Info.PixelScaleArcsec);
        Assert.Equal([1.0, 4.0], back.Parameters["sersic_n"]);
        Assert.Equal([0.5, 1.5], back.Parameters["hlr_arcsec"]);
    }

    [Fact]
    public void Catalog_round_trips_and_defaults_nbar_to_count_over_volume()
    {
        var path = Path.Combine(dir, "cat.h5");
        var pos = new float[] { 1, 2, 3, 4, 5, 6 };
        var cat = new Catalog(10.0, pos, velocities: [0.5f, 0, 0, 0, -0.5f, 0]);
        Assert.Equal(2 / 1000.0, cat.Nbar, 15); // N / L³
        cat.Save(path);
        var back = Catalog.Load(path);
        Assert.Equal(pos, back.Positions);
        Assert.Equal(cat.Velocities, back.Velocities);
        Assert.Null(back.Weights);
        Assert.Equal(cat.Nbar, back.Nbar);
    }

    [Fact]
    public void Catalog_with_positions_of_the_wrong_shape_is_rejected_with_the_shape()
    {
        var path = Path.Combine(dir, "cat2.h5");
        using (var f = H5File.Create(path))
        {
            f.Attributes.Set("box_size", 10.0);
            f.Attributes.Set("nbar", 1.0);
            using (f.WriteDataset<float>("positions", new float[8], [4, 2])) { }
        }
        var e = Assert.Throws<LayoutException>(() => Catalog.Load(path));
        Assert.Contains("[4, 2], expected [N, 3]", e.Message);
    }
}
