namespace SimEmulator.Simulation.NBody;

/// <summary>Scale-factor schedules for the kick–drift–kick stepper.</summary>
public static class TimeSteps
{
    /// <summary><paramref name="steps"/> steps linear in a: the <paramref name="steps"/> + 1 values a_start, …, a_end.</summary>
    public static double[] Linear(double aStart, double aEnd, int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "'steps' must be at least 1");
        if (!(aStart > 0) || !double.IsFinite(aStart))
            throw new ArgumentOutOfRangeException(nameof(aStart), aStart, "'aStart' must be a positive, finite scale factor");
        if (!(aEnd > aStart) || !double.IsFinite(aEnd))
            throw new ArgumentOutOfRangeException(nameof(aEnd), aEnd, $"'aEnd' must be a finite scale factor after aStart = {aStart}");
        var a = new double[steps + 1];
        for (var i = 0; i <= steps; i++) a[i] = aStart + (aEnd - aStart) * i / steps;
        a[steps] = aEnd;
        return a;
    }

    /// <summary>a for a redshift z: 1/(1 + z).</summary>
    public static double ScaleFactor(double redshift) => 1 / (1 + redshift);
}
