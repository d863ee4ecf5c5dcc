using SimEmulator.Data.Layouts;
using SimEmulator.Validation.Images;

namespace SimEmulator.Validation.Reports.ImageSections;

/// <summary>
/// What every image section sees: both image sets (in memory), how many images of each are used, the band measured, the
/// config, and each image's morphology, measured once on first use (null where <see cref="Morphology.Measure"/> refused the image).
/// </summary>
public sealed class ImageValidationContext(
    string referencePath, ImageSet reference, int referenceCount,
    string candidatePath, ImageSet candidate, int candidateCount, ValidationConfig config)
{
    private readonly Dictionary<SetRole, (MorphologyMeasurement?[] Values, string[] Errors)> morphology = [];

    public string ReferencePath { get; } = referencePath;
    public ImageSet Reference { get; } = reference;
    public int ReferenceCount { get; } = referenceCount;
    public string CandidatePath { get; } = candidatePath;
    public ImageSet Candidate { get; } = candidate;
    public int CandidateCount { get; } = candidateCount;
    public ValidationConfig Config { get; } = config;

    /// <summary>Channel measured in both sets.</summary>
    public int Band => Config.Images.Band;

    public ImageSet SetOf(SetRole role) => role == SetRole.Reference ? Reference : Candidate;

    public int CountOf(SetRole role) => role == SetRole.Reference ? ReferenceCount : CandidateCount;

    public (int Height, int Width) SizeOf(SetRole role) => ((int)SetOf(role).Shape[2], (int)SetOf(role).Shape[3]);

    /// <summary>Image <paramref name="index"/> of the set, band <see cref="Band"/>, H × W row-major.</summary>
    public float[] Image(SetRole role, int index)
    {
        var set = SetOf(role);
        var (h, w) = SizeOf(role);
        var plane = (long)h * w;
        var offset = ((long)index * set.Shape[1] + Band) * plane;
        return set.Images.AsSpan((int)offset, (int)plane).ToArray();
    }

    /// <summary>Morphology of the used images of a set, in file order (null where it failed), and the reasons of the failures.</summary>
    public (MorphologyMeasurement?[] Values, string[] Errors) Morphology(SetRole role)
    {
        lock (morphology)
        {
            if (morphology.TryGetValue(role, out var cached)) return cached;
            var n = CountOf(role);
            var (h, w) = SizeOf(role);
            var scale = SetOf(role).Info.PixelScaleArcsec;
            var values = new MorphologyMeasurement?[n];
            var errors = new string?[n];
            Parallel.For(0, n, i =>
            {
                try { values[i] = Images.Morphology.Measure(Image(role, i), h, w, scale); }
                catch (ArgumentException e) { errors[i] = $"{role.ToString().ToLowerInvariant()} image {i}: {e.Message}"; }
            });
            var result = (values, errors.Where(e => e is not null).Select(e => e!).ToArray());
            morphology[role] = result;
            return result;
        }
    }
}
