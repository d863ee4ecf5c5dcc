namespace SimEmulator.Validation.Statistics;

/// <summary>Separation bin edges in Mpc/h for <see cref="PairCounts"/> and <see cref="CorrelationFromPairs"/>: linear or logarithmic.</summary>
public static class RadialEdges
{
    /// <summary><paramref name="bins"/> equal bins from <paramref name="rMinMpcH"/> (≥ 0) to <paramref name="rMaxMpcH"/>: bins + 1 edges.</summary>
    public static double[] Linear(double rMinMpcH, double rMaxMpcH, int bins)
    {
        Check(rMinMpcH, rMaxMpcH, bins, minimum: 0);
        return Enumerable.Range(0, bins + 1).Select(i => i == bins ? rMaxMpcH : rMinMpcH + (rMaxMpcH - rMinMpcH) * i / bins).ToArray();
    }

    /// <summary><paramref name="bins"/> bins equal in ln r from <paramref name="rMinMpcH"/> (&gt; 0) to <paramref name="rMaxMpcH"/>: bins + 1 edges.</summary>
    public static double[] Log(double rMinMpcH, double rMaxMpcH, int bins)
    {
        Check(rMinMpcH, rMaxMpcH, bins, minimum: double.Epsilon);
        var step = Math.Log(rMaxMpcH / rMinMpcH) / bins;
        return Enumerable.Range(0, bins + 1).Select(i => i == 0 ? rMinMpcH : i == bins ? rMaxMpcH : rMinMpcH * Math.Exp(step * i)).ToArray();
    }

    private static void Check(double rMin, double rMax, int bins, double minimum)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), bins, "'bins' must be at least 1");
        if (!(rMin >= minimum) || !double.IsFinite(rMin))
            throw new ArgumentOutOfRangeException("rMinMpcH", rMin, minimum > 0 ? "'rMinMpcH' must be > 0 for logarithmic bins (Mpc/h)" : "'rMinMpcH' must be ≥ 0 (Mpc/h)");
        if (!(rMax > rMin) || !double.IsFinite(rMax))
            throw new ArgumentOutOfRangeException("rMaxMpcH", rMax, $"'rMaxMpcH' must be finite and greater than rMinMpcH = {rMin} (Mpc/h)");
    }
}
