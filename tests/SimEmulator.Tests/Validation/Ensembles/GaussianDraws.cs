using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace SimEmulator.Tests.Validation.Ensembles;

/// <summary>Seeded multivariate-Gaussian draws for the ensemble tests.</summary>
internal sealed class GaussianDraws
{
    private readonly double[] _mean;
    private readonly Matrix<double> _lower;
    private readonly MersenneTwister _rng;

    public GaussianDraws(double[] mean, double[,] covariance, int seed)
    {
        _mean = mean;
        _lower = Matrix<double>.Build.DenseOfArray(covariance).Cholesky().Factor;
        _rng = new MersenneTwister(seed);
    }

    public int P => _mean.Length;

    public double[,] Draw(int n, double shift = 0)
    {
        var x = new double[n, P];
        var z = Vector<double>.Build.Dense(P);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < P; j++) z[j] = Normal.Sample(_rng, 0, 1);
            var y = _lower * z;
            for (int j = 0; j < P; j++) x[i, j] = _mean[j] + shift * Math.Sqrt(_lower.Row(j).DotProduct(_lower.Row(j))) + y[j];
        }
        return x;
    }

    /// <summary>Σ_ij = σ_i σ_j ρ^|i−j| with σ_i spanning a decade, like P(k) errors across k bins.</summary>
    public static double[,] ToeplitzCovariance(int p, double rho)
    {
        var c = new double[p, p];
        for (int i = 0; i < p; i++)
            for (int j = 0; j < p; j++)
                c[i, j] = Sigma(i, p) * Sigma(j, p) * Math.Pow(rho, Math.Abs(i - j));
        return c;
    }

    private static double Sigma(int i, int p) => Math.Pow(10, -(double)i / Math.Max(1, p - 1));
}
