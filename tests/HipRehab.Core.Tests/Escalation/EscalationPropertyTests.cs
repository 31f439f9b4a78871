using CsCheck;
using HipRehab.Core.Escalation;

namespace HipRehab.Core.Tests.Escalation;

/// <summary>
/// Generated pain series against E2 and E5: noise that stays inside the thresholds never fires,
/// whatever the gaps and the order the records were entered in; a step that crosses fires on
/// exactly the day the closed form says, and only once when alerts are fed back.
/// </summary>
public class EscalationPropertyTests
{
    private const int Iterations = 2_000;
    private static readonly DateOnly s_first = new(2026, 3, 2);

    private static DateOnly Day(int n) => s_first.AddDays(n);

    private static List<T> Shuffle<T>(IReadOnlyList<T> items, int seed)
    {
        var random = new Random(seed);
        return [.. items.OrderBy(_ => random.Next())];
    }

    private static bool Fires(IReadOnlyList<PainCheckIn> checkIns, int asOf, string ruleId, IReadOnlyList<PastAlert>? alerts = null) =>
        EscalationEngine.Evaluate(new EscalationInput { AsOf = Day(asOf), CheckIns = checkIns, Alerts = alerts ?? [] })
            .Any(a => a.RuleId == ruleId);

    /// <summary>
    /// Level L (0–6); the baseline week is L or L+1, so the baseline is at least L; afterwards every
    /// rating is from L−3 to L+1, under baseline + 2 and under 8. Days are skipped at random.
    /// </summary>
    private static readonly Gen<(List<PainCheckIn> CheckIns, int AsOf)> s_noise =
        from level in Gen.Int[0, 6]
        from baselineWeek in Gen.Int[0, 1].Array[7]
        from length in Gen.Int[7, 120]
        from later in Gen.Int[Math.Max(0, level - 3) - level, 1].Array[length]
        from present in Gen.Int[0, 3].Array[length]
        from asOf in Gen.Int[0, length + 10]
        from seed in Gen.Int
        let records = Enumerable.Range(0, 7).Select(d => new PainCheckIn(Day(d), level + baselineWeek[d]))
            .Concat(Enumerable.Range(7, length - 7).Where(d => present[d] > 0)
                .Select(d => new PainCheckIn(Day(d), Math.Clamp(level + later[d], 0, 10), settledSinceLastSession: null)))
            .ToList()
        select (Shuffle(records, seed), asOf);

    [Fact]
    public void Noise_InsideTheThresholds_NeverFiresE2OrE5() =>
        s_noise.Sample(c =>
            !Fires(c.CheckIns, c.AsOf, "E2") && !Fires(c.CheckIns, c.AsOf, "E5"),
            iter: Iterations, print: c => $"as of day {c.AsOf}: {string.Join(", ", c.CheckIns.OrderBy(x => x.Date).Select(x => $"{x.Date:MM-dd}={x.UsualPain}"))}");

    /// <summary>Baseline week at L, then from day 7 a steady H ≥ L + 2, one check-in a day, entered in any order.</summary>
    private static readonly Gen<(int Low, int High, List<PainCheckIn> CheckIns, int AsOf)> s_step =
        from low in Gen.Int[0, 8]
        from high in Gen.Int[low + 2, 10]
        from asOf in Gen.Int[0, 40]
        from seed in Gen.Int
        let records = Enumerable.Range(0, 41).Select(d => new PainCheckIn(Day(d), d < 7 ? low : high)).ToList()
        select (low, high, Shuffle(records, seed), asOf);

    /// <summary>
    /// On day d ≥ 7 the window holds (13 − d) ratings of L and (d − 6) of H, so the average is at least
    /// L + 2 once (d − 6)(H − L) ≥ 14. E2 fires when that has held for 7 days.
    /// </summary>
    private static int FirstFiringDay(int low, int high) => 6 + (int)Math.Ceiling(14.0 / (high - low)) + 6;

    [Fact]
    public void Step_AboveTheThreshold_FiresE2ExactlyFromTheDayItHasHeldForSevenDays() =>
        s_step.Sample(c => Fires(c.CheckIns, c.AsOf, "E2") == (c.AsOf >= FirstFiringDay(c.Low, c.High)),
            iter: Iterations, print: c => $"L={c.Low} H={c.High} as of day {c.AsOf}, expected from day {FirstFiringDay(c.Low, c.High)}");

    [Fact]
    public void Step_EvaluatedDailyWithAlertsFedBack_RaisesE2Once() =>
        Gen.Select(Gen.Int[0, 8], Gen.Int[2, 10]).Where((l, d) => l + d <= 10).Sample((low, rise) =>
        {
            var high = low + rise;
            var records = Enumerable.Range(0, 41).Select(d => new PainCheckIn(Day(d), d < 7 ? low : high)).ToList();
            var alerts = new List<PastAlert>();
            var raisedOn = new List<int>();
            for (var day = 0; day <= 40; day++)
            {
                var upToDay = records.Where(r => r.Date <= Day(day)).ToList();
                foreach (var a in EscalationEngine.Evaluate(new EscalationInput { AsOf = Day(day), CheckIns = upToDay, Alerts = alerts }))
                {
                    alerts.Add(new PastAlert(a.RuleId, a.Severity, Day(day), Resolved: false));
                    if (a.RuleId == "E2")
                    {
                        raisedOn.Add(day);
                    }
                }
            }

            return raisedOn.Count == 1 && raisedOn[0] == FirstFiringDay(low, high);
        }, iter: 200);
}
