using BenchmarkDotNet.Attributes;
using HipRehab.Core.Assessment;
using HipRehab.Core.Planning;

namespace HipRehab.Benchmarks;

/// <summary>
/// Plan generation. The baseline is the bare minimum any planner must do — look at every
/// variant's demands once — so the ratio says what the explanations and rules cost on top.
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private readonly ScreeningResult _screening = Screener.Screen(Fixtures.Typical, Fixtures.Today);

    [Benchmark(Baseline = true)]
    public int Baseline_ScanEveryVariantOnce()
    {
        var n = 0;
        foreach (var v in Fixtures.Library.Variants)
        {
            n += v.Demands.Count;
        }

        return n;
    }

    [Benchmark]
    public PlanPreview Preview_Typical() => Planner.Preview(Fixtures.Typical, Fixtures.Library, Fixtures.Today);

    [Benchmark]
    public PlanDraft Plan_Typical() => Planner.Plan(Fixtures.Typical, _screening, Fixtures.Library, Fixtures.Today);

    [Benchmark]
    public PlanDraft Plan_Constrained() => Planner.Plan(Fixtures.Constrained, _screening, Fixtures.Library, Fixtures.Today);
}
