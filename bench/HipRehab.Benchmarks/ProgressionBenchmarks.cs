using BenchmarkDotNet.Attributes;
using HipRehab.Core.Library;
using HipRehab.Core.Progression;

namespace HipRehab.Benchmarks;

/// <summary>
/// One progression decision, with histories of very different lengths: the engine reads a bounded
/// window, so the time per decision should not grow with <see cref="History"/>. The baseline is a
/// single ladder step (the least work a decision can do).
/// </summary>
[MemoryDiagnoser]
public class ProgressionBenchmarks
{
    private ItemState _item = null!;
    private ExerciseLog[] _logs = [];
    private CheckIn[] _checkIns = [];
    private static readonly Func<ExerciseVariant, bool> AllowAll = _ => true;

    [Params(3, 1_000, 100_000)]
    public int History { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var variant = Fixtures.Library.FindVariant("squat-sit-to-stand-no-arms") ?? Fixtures.Library.Variants.First(v => v.Family == "squat");
        var current = new Prescription(variant.Id, variant.DefaultDose);
        _item = new ItemState(current, Pinned: false);
        var d = variant.DefaultDose;
        _logs = [.. Enumerable.Range(0, History).Select(i =>
            new ExerciseLog(Fixtures.Today.AddDays(-2 * i), current, d.Sets, d.Reps, d.HoldSeconds, PainDuring: 1, Effort: 3))];
        _checkIns = [.. Enumerable.Range(0, History).Select(i => new CheckIn(Fixtures.Today.AddDays(-i), 2, true))];
    }

    [Benchmark(Baseline = true)]
    public object? Baseline_OneLadderStep() => DoseLadder.Up(Fixtures.Library, _item.Current, AllowAll);

    [Benchmark]
    public ProgressionDecision Decide() => ProgressionEngine.Decide(Fixtures.Library, _item, _logs, _checkIns, AllowAll);
}
