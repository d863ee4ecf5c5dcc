using System.Diagnostics;
using SimEmulator.Simulation.Cosmology;
using SimEmulator.Simulation.InitialConditions;
using SimEmulator.Torch;
using static SimEmulator.Torch.torch;

namespace SimEmulator.Simulation.NBody;

/// <summary>
/// A FastPM-class particle-mesh N-body simulation: particles evolved by kick–drift–kick leapfrog steps in a with FastPM's
/// growth-based factors (linear growth exact for any step count) and a CIC force mesh B× finer than the particle grid.
/// Runs on the device of its particles; owns copies of them; dispose it.
/// </summary>
/// <example><code>
/// using var sim = new PmSimulation(growth, ics, new PmOptions(MeshFactor: 2));
/// sim.Run(aEnd: 1.0, steps: 10, progress);
/// using var delta = sim.Density(64);          // float32 [64, 64, 64], δ = ρ/ρ̄ − 1
/// using var final = sim.State();              // positions, momenta, a
/// </code></example>
/// <remarks>
/// One step from a_i to a_f (a_h = √(a_i·a_f)), as FastPM: kick p by F(x_i) from a_i to a_h, drift x with p(a_h) from a_i
/// to a_f, compute F(x_f), kick p from a_h to a_f. The closing force is kept for the next step's opening kick, so n steps
/// cost n + 1 force evaluations. Positions and momenta are float64; the mesh dtype is <see cref="PmOptions.MeshDtype"/>.
/// </remarks>
public sealed class PmSimulation : IDisposable
{
    private readonly Tensor _x;               // [Np, 3] float64, Mpc/h, in [0, L)
    private readonly Tensor _p;               // [Np, 3] float64, p = a³E dx/da
    private readonly ParticleMeshForce _pm;
    private Tensor? _force;                   // F(x) at the current a, or null until needed
    private bool _disposed;

    /// <param name="growth">Expansion and linear growth (Ω_m, E, D1 and its derivatives).</param>
    /// <param name="initial">Initial particles; copied (the caller keeps and disposes <paramref name="initial"/>).</param>
    /// <param name="options">Force-mesh settings; FastPM's defaults when null.</param>
    /// <param name="device">Device to run on; the initial particles' device when null.</param>
    public PmSimulation(IGrowth growth, ParticleState initial, PmOptions? options = null, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(growth);
        ArgumentNullException.ThrowIfNull(initial);
        CicStencil.CheckPositions(initial.X);
        if (!initial.P.shape.SequenceEqual(initial.X.shape))
            throw new ArgumentException($"momenta have shape [{string.Join(", ", initial.P.shape)}] but positions [{string.Join(", ", initial.X.shape)}]; expected both [Np, 3]", nameof(initial));
        if (!(initial.A > 0) || !double.IsFinite(initial.A))
            throw new ArgumentOutOfRangeException(nameof(initial), initial.A, "the initial scale factor must be positive and finite");
        if (!(initial.BoxSize > 0) || !double.IsFinite(initial.BoxSize))
            throw new ArgumentOutOfRangeException(nameof(initial), initial.BoxSize, "the box size must be a positive, finite length in Mpc/h");
        if (initial.X.shape[0] != initial.Count)
            throw new ArgumentException($"the state holds {initial.X.shape[0]} particles but N = {initial.N} means N³ = {initial.Count}", nameof(initial));

        Growth = growth;
        Factors = new FastPmFactors(growth);
        Options = options ?? new PmOptions();
        Options.Validate();
        BoxSize = initial.BoxSize;
        ParticlesPerSide = initial.N;
        A = initial.A;
        Device = device ?? initial.X.device;
        MeshSize = Options.ForceMeshSize(initial.N);

        _pm = new ParticleMeshForce(MeshSize, BoxSize, growth.OmegaM, Options, Device);
        using var scope = NewDisposeScope();
        try
        {
            // Own float64 copies; the scope frees them if anything below throws.
            _x = initial.X.to(Device, float64).contiguous().clone();
            _p = initial.P.to(Device, float64).contiguous().clone();
            WrapPositions();
        }
        catch
        {
            _pm.Dispose();
            throw;
        }
        // Held outside every dispose scope for the simulation's lifetime.
        _x.DetachFromDisposeScope();
        _p.DetachFromDisposeScope();
    }

    public IGrowth Growth { get; }

    public FastPmFactors Factors { get; }

    public PmOptions Options { get; }

    /// <summary>L, the box side in Mpc/h.</summary>
    public double BoxSize { get; }

    /// <summary>N, particles per side of the Lagrangian grid (N³ particles).</summary>
    public int ParticlesPerSide { get; }

    /// <summary>Force-mesh cells per side.</summary>
    public int MeshSize { get; }

    /// <summary>Device holding the particles and the mesh.</summary>
    public Device Device { get; }

    /// <summary>Current scale factor.</summary>
    public double A { get; private set; }

    /// <summary>Kick–drift–kick steps taken since construction.</summary>
    public int StepsTaken { get; private set; }

    /// <summary>Force evaluations (mesh paint + 4 FFTs + readout) since construction.</summary>
    public int ForceEvaluations { get; private set; }

    /// <summary>Steps linear in a from the current a to <paramref name="aEnd"/>.</summary>
    public void Run(double aEnd, int steps, IProgress<PmProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(TimeSteps.Linear(A, aEnd, steps), progress, cancellationToken);

    /// <summary>
    /// Steps through the increasing scale factors <paramref name="scaleFactors"/> (a leading value equal to the current a
    /// is skipped, so <see cref="TimeSteps.Linear"/>'s output can be passed as is); reports after each step.
    /// </summary>
    public void Run(IReadOnlyList<double> scaleFactors, IProgress<PmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scaleFactors);
        var targets = scaleFactors.ToList();
        if (targets.Count > 0 && Math.Abs(targets[0] - A) <= 1e-12 * A) targets.RemoveAt(0);
        var previous = A;
        for (var i = 0; i < targets.Count; i++)
        {
            if (!double.IsFinite(targets[i]) || !(targets[i] > previous))
                throw new ArgumentException($"scale factors must increase from the current a = {A}; entry {i} is {targets[i]} after {previous}", nameof(scaleFactors));
            previous = targets[i];
        }
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < targets.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(targets[i]);
            progress?.Report(new PmProgress(i + 1, targets.Count, A, clock.Elapsed));
        }
    }

    /// <summary>One kick–drift–kick step from the current a to <paramref name="aNext"/>.</summary>
    public void Step(double aNext)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!double.IsFinite(aNext) || !(aNext > A))
            throw new ArgumentOutOfRangeException(nameof(aNext), aNext, $"the next scale factor must be finite and after the current a = {A}");
        // The half step is the geometric mean, as FastPM's time table (fastpm_tevo_i2t) interpolates in ln a.
        double ai = A, af = aNext, ah = Math.Sqrt(ai * af);

        using var scope = NewDisposeScope();
        _force ??= ComputeForce();
        _p.add_(_force, Factors.Kick(ai, ai, ah));
        _x.add_(_p, Factors.Drift(ai, ah, af));
        WrapPositions();
        _force.Dispose();
        _force = null;
        _force = ComputeForce();
        _p.add_(_force, Factors.Kick(ah, af, af));
        A = af;
        StepsTaken++;
    }

    /// <summary>The CIC overdensity δ = ρ/ρ̄ − 1 of the current particles on a <paramref name="gridSize"/>³ mesh: float32 [N, N, N] on <see cref="Device"/>.</summary>
    public Tensor Density(int gridSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (gridSize < 1) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "'gridSize' must be at least 1 cell per side");
        return CloudInCell.Overdensity(_x, gridSize, BoxSize);
    }

    /// <summary>As <see cref="Density"/>, copied to a C-order float[] of N³ values (index (i·N + j)·N + k).</summary>
    public float[] DensityArray(int gridSize)
    {
        using var delta = Density(gridSize);
        return delta.data<float>();
    }

    /// <summary>A copy of the current particles (positions in [0, L), momenta, a); the caller disposes it.</summary>
    public ParticleState State()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var x = _x.clone().DetachFromDisposeScope();
        var p = _p.clone().DetachFromDisposeScope();
        return new ParticleState(x, p, A, BoxSize, ParticlesPerSide);
    }

    /// <summary>The force F = −∇Φ on each particle at the current a, [Np, 3] float64 (for diagnostics; the caller disposes it).</summary>
    public Tensor Force()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ComputeForce();
    }

    private Tensor ComputeForce()
    {
        ForceEvaluations++;
        // Detached: the force outlives the step's scope (it opens the next step).
        return _pm.Compute(_x).DetachFromDisposeScope();
    }

    // x ← x mod L in [0, L). remainder is fmod plus L for negative values, so positions inside the box are untouched
    // bit for bit; a tiny negative x rounds to exactly L, which is the same point as 0.
    private void WrapPositions()
    {
        using var scope = NewDisposeScope();
        var wrapped = _x.remainder(BoxSize);
        wrapped.masked_fill_(wrapped.ge(BoxSize), 0.0);
        _x.copy_(wrapped);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _x.Dispose();
        _p.Dispose();
        _force?.Dispose();
        _pm.Dispose();
    }
}
