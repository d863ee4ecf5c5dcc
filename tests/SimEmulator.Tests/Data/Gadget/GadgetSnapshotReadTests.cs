using System.Text.Json;
using SimEmulator.Data.Gadget;

namespace SimEmulator.Tests.Data.Gadget;

/// <summary>
/// Reading the snapshots written by Fixtures/gadget/make_gadget_fixtures.py: every expected value comes from that
/// numpy-only writer (expected.json); comparisons are exact because the reader must return the stored bits
/// (float64 narrowed to float32, code lengths times the unit factor, both rounded as the script rounds them).
/// </summary>
public sealed class GadgetSnapshotReadTests
{
    [Theory]
    [InlineData("f1_le_single", GadgetFormat.Format1, false)]
    [InlineData("f2_be_single", GadgetFormat.Format2, true)]
    [InlineData("f1_double", GadgetFormat.Format1, false)]
    public void Format_byte_order_and_every_header_field_are_read_as_written(string fixture, GadgetFormat format, bool bigEndian)
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File(fixture));

        Assert.Equal(format, snap.Format);
        Assert.Equal(bigEndian, snap.IsBigEndian);
        AssertHeader(GadgetFixtures.Expected(fixture).GetProperty("header"), snap.Header);
        Assert.Equal([GadgetFixtures.File(fixture)], snap.Files);
        Assert.Equal(1.0, snap.LengthUnitToMpcH); // BoxSize ≤ 5000: taken as Mpc/h
    }

    [Theory]
    [InlineData("f1_le_single")]
    [InlineData("f2_be_single")]
    [InlineData("f1_double")]
    public void Positions_velocities_ids_and_masses_of_every_type_are_read_as_written(string fixture)
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File(fixture));
        var types = GadgetFixtures.Expected(fixture).GetProperty("types");
        var seen = new List<int>();

        foreach (var chunk in snap.ReadChunks(1000, ParticleFields.All))
        {
            seen.Add(chunk.Type);
            var e = types.GetProperty(chunk.Type.ToString());
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("pos")), chunk.Positions.ToArray());
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("vel")), chunk.Velocities.ToArray());
            Assert.Equal(GadgetFixtures.ULongs(e.GetProperty("ids")), chunk.Ids.ToArray());
            if (e.TryGetProperty("mass", out var mass))
            {
                Assert.Null(chunk.ConstantMass);
                Assert.Equal(GadgetFixtures.Floats(mass), chunk.Masses!.Value.ToArray());
            }
            else
            {
                Assert.Null(chunk.Masses);
                Assert.Equal(snap.Header.MassTable[chunk.Type], chunk.ConstantMass);
            }
        }
        Assert.Equal(types.EnumerateObject().Select(p => int.Parse(p.Name)), seen);
    }

    [Fact]
    public void Float64_positions_are_flagged_and_narrowed_to_float32()
    {
        // f1_double stores POS/VEL/MASS as float64 and IDs as uint64 (one above 2^62); values checked in the test above.
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("f1_double"));

        Assert.True(snap.HasDoublePrecisionPositions);
        Assert.False(GadgetSnapshot.Open(GadgetFixtures.File("f1_le_single")).HasDoublePrecisionPositions);
    }

    [Theory]
    [InlineData("multi/snap_002")]
    [InlineData("multi/snap_002.0")]
    [InlineData("multi/snap_002.1")]
    public void A_two_file_snapshot_opens_by_its_base_path_or_by_either_file(string name)
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File(name));
        var e = GadgetFixtures.Expected("multi");

        Assert.Equal(GadgetFixtures.File("multi/snap_002"), snap.Source);
        Assert.Equal([GadgetFixtures.File("multi/snap_002.0"), GadgetFixtures.File("multi/snap_002.1")], snap.Files);
        AssertHeader(e.GetProperty("header"), snap.Header);
        Assert.Equal<long>([0, 512, 40, 0, 5, 0], snap.Header.NumPartTotal); // 300+212, 24+16, 0+5 per the writer
        Assert.Equal<long>([0, 212, 16, 0, 5, 0], snap.FileHeaders[1].NumPartThisFile);
    }

    [Fact]
    public void A_kpc_box_is_recognised_and_positions_come_back_in_Mpc_per_h()
    {
        // BoxSize 50000 > 5000, so kpc/h: factor 1e-3 and a 50 Mpc/h box.
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("multi/snap_002"));

        Assert.Equal(1e-3, snap.LengthUnitToMpcH);
        Assert.Equal(50.0, snap.BoxSizeMpcH, 12);
        var files = GadgetFixtures.Expected("multi").GetProperty("files");
        var chunks = snap.ReadChunks(100_000, ParticleFields.All).Select(c => (c.Type, c.FileIndex, Pos: c.Positions.ToArray(),
            Vel: c.Velocities.ToArray(), Ids: c.Ids.ToArray(), Mass: c.Masses?.ToArray(), c.ConstantMass)).ToList();

        // one chunk per (file, type) in file order then type order
        Assert.Equal([(0, 1), (0, 2), (1, 1), (1, 2), (1, 4)], chunks.Select(c => (c.FileIndex, c.Type)));
        foreach (var c in chunks)
        {
            var e = files[c.FileIndex].GetProperty("types").GetProperty(c.Type.ToString());
            var n = e.GetProperty("count").GetInt32();
            Assert.Equal(3 * n, c.Pos.Length);
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("first").GetProperty("pos")), c.Pos[..3]);
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("last").GetProperty("pos")), c.Pos[^3..]);
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("first").GetProperty("vel")), c.Vel[..3]);
            Assert.Equal(GadgetFixtures.Floats(e.GetProperty("last").GetProperty("vel")), c.Vel[^3..]);
            Assert.Equal(e.GetProperty("first").GetProperty("id").GetUInt64(), c.Ids[0]);
            Assert.Equal(e.GetProperty("last").GetProperty("id").GetUInt64(), c.Ids[^1]);
            if (c.Type == 4) Assert.Equal(GadgetFixtures.Floats(e.GetProperty("mass")), c.Mass);
            else Assert.Equal(snap.Header.MassTable[c.Type], c.ConstantMass);
        }
        // The writer put the second particle of file 0 at x == BoxSize exactly: 50000 kpc/h → 50 Mpc/h, left unwrapped.
        Assert.Equal([50f, 25f, 12.3455f], chunks[0].Pos[3..6]);
    }

    [Fact]
    public void An_explicit_length_unit_overrides_the_guess()
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("multi/snap_002"), lengthUnitToMpcH: 1.0);
        var first = snap.ReadChunks().First();

        Assert.Equal(50000.0, snap.BoxSizeMpcH);
        Assert.Equal([50000f, 25000f, 12345.5f], first.Positions.Span[3..6].ToArray()); // raw kpc/h values of the writer
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(300)]
    public void Chunks_hold_at_most_K_particles_and_concatenate_to_the_whole_snapshot(int chunkSize)
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("multi/snap_002"));
        var whole = snap.ReadChunks(1 << 20, ParticleFields.Positions | ParticleFields.Ids)
            .SelectMany(c => c.Ids.ToArray()).ToArray();
        var wholePos = snap.ReadChunks(1 << 20).SelectMany(c => c.Positions.ToArray()).ToArray();

        var ids = new List<ulong>();
        var pos = new List<float>();
        foreach (var c in snap.ReadChunks(chunkSize, ParticleFields.Positions | ParticleFields.Ids))
        {
            Assert.InRange(c.Count, 1, chunkSize);
            Assert.Equal(c.Count, c.Ids.Length);
            ids.AddRange(c.Ids.ToArray());
            pos.AddRange(c.Positions.ToArray());
        }
        Assert.Equal(557, whole.Length); // 324 + 233 particles written
        Assert.Equal(whole, ids);
        Assert.Equal(wholePos, pos);
    }

    [Fact]
    public void Only_the_requested_types_and_fields_are_returned()
    {
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("multi/snap_002"));

        var chunks = snap.ReadChunks(1000, ParticleFields.Ids, types: [4]).ToList();

        var c = Assert.Single(chunks);
        Assert.Equal((4, 1, 5), (c.Type, c.FileIndex, c.Count));
        Assert.True(c.Positions.IsEmpty);
        Assert.True(c.Velocities.IsEmpty);
        Assert.Null(c.Masses);
        Assert.Equal(GadgetFixtures.Expected("multi").GetProperty("files")[1].GetProperty("types").GetProperty("4")
            .GetProperty("first").GetProperty("id").GetUInt64(), c.Ids.Span[0]);
    }

    [Fact]
    public void Stored_velocities_convert_to_peculiar_km_per_s_by_the_square_root_of_a()
    {
        // Gadget writes u = v_pec / √a (Gadget-2 user guide); f1_double has a = 0.25, so v_pec = u / 2 exactly.
        var snap = GadgetSnapshot.Open(GadgetFixtures.File("f1_double"));
        var stored = snap.ReadChunks(10, ParticleFields.Velocities).First().Velocities.ToArray();
        var converted = stored.ToArray();

        GadgetUnits.ToPeculiarVelocityKmS(converted, snap.Header.ScaleFactor);

        Assert.Equal(0.25, snap.Header.ScaleFactor);
        Assert.Equal(stored.Select(v => v * 0.5f), converted);
        Assert.Equal(-150.0, GadgetUnits.PeculiarVelocityKmS(-300.0, 0.25));
    }

    [Theory]
    [InlineData(50000.0, 1e-3)]
    [InlineData(5000.1, 1e-3)]
    [InlineData(5000.0, 1.0)]
    [InlineData(1000.0, 1.0)]
    public void Length_unit_is_guessed_as_kpc_per_h_above_a_5000_box(double boxSize, double expected)
    {
        Assert.Equal(expected, GadgetUnits.GuessLengthUnitToMpcH(boxSize));
    }

    internal static void AssertHeader(JsonElement e, GadgetHeader h)
    {
        Assert.Equal(GadgetFixtures.Longs(e.GetProperty("NumPartThisFile")), h.NumPartThisFile);
        Assert.Equal(GadgetFixtures.Doubles(e.GetProperty("MassTable")), h.MassTable);
        Assert.Equal(GadgetFixtures.Longs(e.GetProperty("NumPartTotal")), h.NumPartTotal);
        Assert.Equal(e.GetProperty("Time").GetDouble(), h.Time);
        Assert.Equal(e.GetProperty("Redshift").GetDouble(), h.Redshift);
        Assert.Equal(e.GetProperty("NumFilesPerSnapshot").GetInt32(), h.NumFilesPerSnapshot);
        Assert.Equal(e.GetProperty("BoxSize").GetDouble(), h.BoxSize);
        Assert.Equal(e.GetProperty("Omega0").GetDouble(), h.Omega0);
        Assert.Equal(e.GetProperty("OmegaLambda").GetDouble(), h.OmegaLambda);
        Assert.Equal(e.GetProperty("HubbleParam").GetDouble(), h.HubbleParam);
        Assert.Equal(e.GetProperty("FlagSfr").GetInt32(), h.FlagSfr);
        Assert.Equal(e.GetProperty("FlagFeedback").GetInt32(), h.FlagFeedback);
        Assert.Equal(e.GetProperty("FlagCooling").GetInt32(), h.FlagCooling);
        Assert.Equal(e.GetProperty("FlagStellarAge").GetInt32(), h.FlagStellarAge);
        Assert.Equal(e.GetProperty("FlagMetals").GetInt32(), h.FlagMetals);
        Assert.Equal(e.GetProperty("FlagEntropyInsteadOfU").GetInt32(), h.FlagEntropyInsteadOfU);
    }
}
