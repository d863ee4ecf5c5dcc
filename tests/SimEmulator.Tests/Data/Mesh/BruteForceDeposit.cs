using SimEmulator.Data.Mesh;

namespace SimEmulator.Tests.Data.Mesh;

/// <summary>
/// Textbook mass assignment in float64, one particle and one stencil cell at a time, with the per-dimension weights
/// written as in Pylians' MAS_library (grid node i at x = i·L/N, periodic): the reference the fast kernels are held to.
/// </summary>
internal static class BruteForceDeposit
{
    public static double[] Run(int n, double box, MassAssignment mas, float[] xyz, float[]? weights)
    {
        var mesh = new double[n * n * n];
        var dims = new List<(int Cell, double Weight)>[3];
        for (var p = 0; p < xyz.Length / 3; p++)
        {
            for (var a = 0; a < 3; a++)
            {
                var g = xyz[3 * p + a] * (double)n / box;
                dims[a] = Weights(g, mas);
            }
            var w = weights?[p] ?? 1.0;
            foreach (var (i, wi) in dims[0])
                foreach (var (j, wj) in dims[1])
                    foreach (var (k, wk) in dims[2])
                        mesh[(Mod(i, n) * n + Mod(j, n)) * n + Mod(k, n)] += wi * wj * wk * w;
        }
        return mesh;
    }

    private static List<(int, double)> Weights(double g, MassAssignment mas)
    {
        switch (mas)
        {
            case MassAssignment.NGP:
                return [((int)Math.Floor(g + 0.5), 1.0)];
            case MassAssignment.CIC:
            {
                var i = (int)Math.Floor(g);
                var u = g - i;
                return [(i, 1 - u), (i + 1, u)];
            }
            default:
            {
                var i = (int)Math.Floor(g + 0.5);
                var d = g - i;
                return [(i - 1, 0.5 * (0.5 - d) * (0.5 - d)), (i, 0.75 - d * d), (i + 1, 0.5 * (0.5 + d) * (0.5 + d))];
            }
        }
    }

    private static int Mod(int i, int n) => ((i % n) + n) % n;
}
