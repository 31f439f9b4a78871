using CsCheck;
using HipRehab.Core.Library;
using HipRehab.Core.Progression;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>
/// Random prescriptions, sessions and check-ins on the real ladders: whatever happens, a decision
/// moves at most one step (PM5, PM9), progresses only on safe pain (PM1, PM4) and never makes a
/// stop or regression harder (PM4, PM6).
/// </summary>
public class ProgressionPropertyTests
{
    private const int Iterations = 10_000;
    private static readonly DateOnly s_latestDay = Intakes.Today;
    private static readonly ExerciseVariant[] s_variants = [.. TestLibrary.Library.Variants];

    public sealed record Case(
        ExerciseVariant Variant, Prescription Current, bool Pinned, IReadOnlyList<ExerciseLog> Logs,
        IReadOnlyList<CheckIn> CheckIns, IReadOnlySet<string> Disallowed)
    {
        public bool Allows(ExerciseVariant v) => !Disallowed.Contains(v.Id);

        public override string ToString() =>
            $"{Current}, pinned {Pinned}, disallowed [{string.Join(",", Disallowed)}]\n  logs: {string.Join("\n        ", Logs)}\n  check-ins: {string.Join("; ", CheckIns)}";
    }

    private static Dose TopDose(ExerciseVariant v) => v.DefaultDose with
    {
        Sets = v.Progression.MaxSets,
        Reps = v.Progression.MaxReps ?? v.DefaultDose.Reps,
        HoldSeconds = v.Progression.MaxHoldSeconds ?? v.DefaultDose.HoldSeconds,
        Band = v.Progression.MaxBand ?? v.DefaultDose.Band,
    };

    /// <summary>A dose anywhere between the variant's starting dose and its top, weighted toward both ends.</summary>
    private static Gen<Dose> DoseWithin(ExerciseVariant v)
    {
        var start = v.DefaultDose;
        var top = v.Progression;
        var anywhere =
            from sets in Gen.Int[start.Sets, top.MaxSets]
            from reps in start.Reps is int r && top.MaxReps is int mr ? Gen.Int[r, mr].Select(x => (int?)x) : Gen.Const(start.Reps)
            from hold in start.HoldSeconds is int h && top.MaxHoldSeconds is int mh ? Gen.Int[h, mh].Select(x => (int?)x) : Gen.Const(start.HoldSeconds)
            from band in start.Band is Band b && top.MaxBand is Band mb ? Gen.Int[(int)b, (int)mb].Select(x => (Band?)x) : Gen.Const(start.Band)
            select start with { Sets = sets, Reps = reps, HoldSeconds = hold, Band = band };
        return Gen.Frequency((1, Gen.Const(start)), (1, Gen.Const(TopDose(v))), (3, anywhere));
    }

    private static Gen<ExerciseLog> LogOn(DateOnly day, Prescription current, Prescription other) =>
        from atCurrent in Gen.Int[0, 4]
        from full in Gen.Frequency((2, Gen.Const(true)), (1, Gen.Const(false)))
        from sets in Gen.Int[0, 4]
        from reps in Gen.Int[0, 17]
        from hold in Gen.Int[0, 70]
        from pain in Gen.Frequency((4, Gen.Int[0, 2]), (1, Gen.Int[3, 5]), (1, Gen.Int[6, 10]))
        from effort in Gen.Frequency((3, Gen.Int[0, 4]), (1, Gen.Int[5, 10]))
        let p = atCurrent == 0 ? other : current
        select full
            ? new ExerciseLog(day, p, p.Dose.Sets, p.Dose.Reps, p.Dose.HoldSeconds, pain, effort)
            : new ExerciseLog(day, p, sets, p.Dose.Reps is null ? null : reps, p.Dose.HoldSeconds is null ? null : hold, pain, effort);

    private static readonly Gen<CheckIn> s_checkIn =
        from offset in Gen.Int[-16, 1]
        from pain in Gen.Int[0, 10]
        from settled in Gen.Frequency((3, Gen.Const(true)), (1, Gen.Const(false)))
        select new CheckIn(s_latestDay.AddDays(offset), pain, settled);

    /// <summary>Histories of up to three sessions; <paramref name="minGapDays"/> 0 allows several sessions on one day.</summary>
    private static Gen<Case> Cases(int minGapDays) =>
        from index in Gen.Int[0, s_variants.Length - 1]
        let v = s_variants[index]
        from dose in DoseWithin(v)
        from pinned in Gen.Frequency((1, Gen.Const(true)), (9, Gen.Const(false)))
        from disallowBits in Gen.Int[0, 3].Array[TestLibrary.Family(v.Family).Variants.Count]
        from gaps in Gen.Int[minGapDays, 3].Array[3]
        from logCount in Gen.Int[0, 3]
        from checkInCount in Gen.Int[0, 8]
        from checkIns in s_checkIn.Array[8]
        let current = new Prescription(v.Id, dose)
        let other = OtherPrescription(v, current)
        let days = new[] { s_latestDay, s_latestDay.AddDays(-gaps[0]), s_latestDay.AddDays(-gaps[0] - gaps[1]) }
        from l0 in LogOn(days[0], current, other)
        from l1 in LogOn(days[1], current, other)
        from l2 in LogOn(days[2], current, other)
        select new Case(
            v,
            current,
            pinned,
            new[] { l0, l1, l2 }.Take(logCount).ToList(),
            checkIns.Take(checkInCount).OrderByDescending(c => c.Date).ToList(),
            TestLibrary.Family(v.Family).Variants.Where((x, i) => disallowBits[i] == 0 && x.Id != v.Id).Select(x => x.Id).ToHashSet());

    private static readonly Gen<Case> s_anyDays = Cases(minGapDays: 0);
    private static readonly Gen<Case> s_separateDays = Cases(minGapDays: 1);

    /// <summary>An earlier prescription of the same item: the variant's start, or a neighbouring variant's start.</summary>
    private static Prescription OtherPrescription(ExerciseVariant v, Prescription current)
    {
        if (current.Dose != v.DefaultDose)
        {
            return new Prescription(v.Id, v.DefaultDose);
        }

        var family = TestLibrary.Family(v.Family);
        var neighbour = family.Variants.FirstOrDefault(x => x.Level == v.Level - 1) ?? family.Variants.First(x => x.Level == v.Level + 1);
        return new Prescription(neighbour.Id, neighbour.DefaultDose);
    }

    private static ExerciseVariant VariantOf(Prescription p) =>
        TestLibrary.Library.FindVariant(p.ExerciseId) ?? throw new InvalidOperationException($"unknown exercise {p.ExerciseId}");

    private static bool Completed(ExerciseLog l) =>
        l.CompletedSets >= l.Prescribed.Dose.Sets
        && (l.Prescribed.Dose.Reps is not int reps || (l.CompletedReps ?? 0) >= reps)
        && (l.Prescribed.Dose.HoldSeconds is not int hold || (l.CompletedHoldSeconds ?? 0) >= hold);

    /// <summary>True when some check-in after <paramref name="after"/> and no later than <paramref name="until"/> said pain had not settled.</summary>
    private static bool UnsettledBetween(IEnumerable<CheckIn> checkIns, DateOnly after, DateOnly until) =>
        checkIns.Any(c => c.Date > after && c.Date <= until && !c.SettledSinceLastSession);

    /// <summary>The first morning after <paramref name="after"/> (up to <paramref name="until"/>) unanimously said "not settled" (PM2).</summary>
    private static bool NextMorningUnsettled(IReadOnlyList<CheckIn> checkIns, DateOnly after, DateOnly until)
    {
        var answers = checkIns.Where(c => c.Date > after && c.Date <= until).ToList();
        if (answers.Count == 0)
        {
            return false;
        }

        var first = answers.Min(c => c.Date);
        return answers.Where(c => c.Date == first).All(c => !c.SettledSinceLastSession);
    }

    /// <summary>PM8, re-derived: this week's average usual pain is at least 1 point above last week's.</summary>
    private static bool UsualPainRising(IReadOnlyList<CheckIn> checkIns, DateOnly asOf)
    {
        var thisWeek = checkIns.Where(c => c.Date > asOf.AddDays(-7) && c.Date <= asOf).Select(c => (decimal)c.UsualPain).ToList();
        var lastWeek = checkIns.Where(c => c.Date > asOf.AddDays(-14) && c.Date <= asOf.AddDays(-7)).Select(c => (decimal)c.UsualPain).ToList();
        return thisWeek.Count > 0 && lastWeek.Count > 0 && thisWeek.Average() - lastWeek.Average() >= 1m;
    }

    private static int Compare(int? a, int? b) => (a ?? 0).CompareTo(b ?? 0);

    /// <summary>The dose components in PM5 order.</summary>
    private static int[] Components(Dose d) => [d.Reps ?? 0, d.Sets, d.HoldSeconds ?? 0, d.Band is Band b ? (int)b + 1 : 0];

    private static bool Harder(Prescription next, Prescription previous) =>
        next.ExerciseId != previous.ExerciseId
            ? VariantOf(next).Level > VariantOf(previous).Level
            : Components(next.Dose).Zip(Components(previous.Dose)).Any(p => p.First > p.Second);

    private static bool Easier(Prescription next, Prescription previous) =>
        next.ExerciseId != previous.ExerciseId
            ? VariantOf(next).Level < VariantOf(previous).Level
            : Components(next.Dose).Zip(Components(previous.Dose)).Any(p => p.First < p.Second);

    /// <summary>Nothing easier is possible: the dose is at the start of its variant and no easier variant is allowed.</summary>
    private static bool AtBottom(Case c) =>
        Components(c.Current.Dose).Zip(Components(c.Variant.DefaultDose)).All(p => p.First <= p.Second)
        && !TestLibrary.Family(c.Variant.Family).Variants.Any(x => x.Level < c.Variant.Level && c.Allows(x));

    /// <summary>Next differs from previous by at most one step of one kind, or is an adjacent allowed variant at its starting dose.</summary>
    private static void AssertAtMostOneStep(Case c, Prescription previous, Prescription next, ProgressionAction action)
    {
        if (next == previous)
        {
            return;
        }

        var v = c.Variant;
        if (next.ExerciseId == previous.ExerciseId)
        {
            Dose a = previous.Dose, b = next.Dose;
            Assert.Equal((a.RestSeconds, a.PerSide, a.DaysPerWeek), (b.RestSeconds, b.PerSide, b.DaysPerWeek));
            var changed = new List<int>();
            if (a.Reps != b.Reps)
            {
                Assert.InRange(Math.Abs(a.Reps!.Value - b.Reps!.Value), 1, 2);
                changed.Add(0);
            }

            if (a.Sets != b.Sets)
            {
                Assert.Equal(1, Math.Abs(a.Sets - b.Sets));
                changed.Add(1);
            }

            if (a.HoldSeconds != b.HoldSeconds)
            {
                Assert.NotNull(v.Progression.HoldStepSeconds);
                Assert.InRange(Math.Abs(a.HoldSeconds!.Value - b.HoldSeconds!.Value), 1, v.Progression.HoldStepSeconds.Value);
                changed.Add(2);
            }

            if (a.Band != b.Band)
            {
                Assert.Equal(1, Math.Abs((int)a.Band!.Value - (int)b.Band!.Value));
                changed.Add(3);
            }

            var kind = Assert.Single(changed);

            // The new dose stays on the variant's own ladder.
            Assert.InRange(b.Sets, v.DefaultDose.Sets, v.Progression.MaxSets);
            Assert.True(Compare(b.Reps, v.DefaultDose.Reps) >= 0 && (v.Progression.MaxReps is null || b.Reps <= v.Progression.MaxReps), $"reps {b.Reps} off the ladder");
            Assert.True(Compare(b.HoldSeconds, v.DefaultDose.HoldSeconds) >= 0 && (v.Progression.MaxHoldSeconds is null || b.HoldSeconds <= v.Progression.MaxHoldSeconds), $"hold {b.HoldSeconds} off the ladder");
            Assert.True(b.Band is null || (b.Band >= v.DefaultDose.Band && b.Band <= v.Progression.MaxBand), $"band {b.Band} off the ladder");

            // PM5: up in the order reps → sets → hold → band; down in the reverse order.
            var top = Components(TopDose(v));
            var start = Components(v.DefaultDose);
            var now = Components(a);
            if (action == ProgressionAction.Progress)
            {
                for (var k = 0; k < kind; k++)
                {
                    Assert.True(now[k] >= top[k], $"PM5: changed kind {kind} before kind {k} reached its top");
                }
            }
            else
            {
                for (var k = kind + 1; k < 4; k++)
                {
                    Assert.True(now[k] <= start[k], $"PM5 reversed: changed kind {kind} before kind {k} was back at its start");
                }
            }
        }
        else
        {
            var target = VariantOf(next);
            Assert.Equal(v.Family, target.Family);
            Assert.Equal(target.DefaultDose, next.Dose);
            Assert.True(c.Allows(target), $"{target.Id} is not allowed for this person");
            var (low, high) = (Math.Min(v.Level, target.Level), Math.Max(v.Level, target.Level));
            Assert.All(TestLibrary.Family(v.Family).Variants.Where(x => x.Level > low && x.Level < high),
                skipped => Assert.False(c.Allows(skipped), $"{skipped.Id} is allowed but was skipped"));
            var edge = action == ProgressionAction.Progress ? TopDose(v) : v.DefaultDose;
            var cmp = Components(previous.Dose).Zip(Components(edge));
            Assert.True(action == ProgressionAction.Progress ? cmp.All(p => p.First >= p.Second) : cmp.All(p => p.First <= p.Second),
                "changed variant before the dose ladder inside the variant was used up (PM5)");
        }
    }

    [Fact]
    public void Decide_ForRandomHistories_MovesAtMostOneStep_AndOnlyTheSafeWay() =>
        s_anyDays.Sample(AssertSafeDecision, iter: Iterations);

    // The common case on its own, so that a problem with several sessions on one day cannot hide another failure.
    [Fact]
    public void Decide_ForRandomHistoriesOnSeparateDays_MovesAtMostOneStep_AndOnlyTheSafeWay() =>
        s_separateDays.Sample(AssertSafeDecision, iter: Iterations);

    private static void AssertSafeDecision(Case c)
    {
        var decision = ProgressionEngine.Decide(TestLibrary.Library, new ItemState(c.Current, c.Pinned), c.Logs, c.CheckIns, c.Allows);

        Assert.Equal(c.Current, decision.Previous);
        Assert.NotEmpty(decision.RuleIds);
        Assert.All(decision.RuleIds, id => Assert.True(RuleCatalogue.Contains(id), $"unknown rule '{id}'"));
        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
        AssertAtMostOneStep(c, decision.Previous, decision.Next, decision.Action);

        if (c.Logs.Count == 0)
        {
            Assert.Equal(ProgressionAction.Hold, decision.Action);
        }
        else
        {
            // PM1/PM4: pain above 5 stops the exercise, and only that does.
            Assert.Equal(c.Logs[0].PainDuring > 5, decision.Action == ProgressionAction.Stop);
        }

        switch (decision.Action)
        {
            case ProgressionAction.Progress:
                Assert.False(c.Pinned, "a pinned item progressed (PL3)");
                Assert.True(c.Logs[0].PainDuring <= 2, "progressed after pain above 2 (PM1)");
                Assert.True(c.Logs.Count >= 2, "progressed after one session (PM4)");
                Assert.All(c.Logs.Take(2), l =>
                {
                    Assert.Equal(c.Current, l.Prescribed);
                    Assert.InRange(l.PainDuring, 0, 2);
                    Assert.InRange(l.Effort, 0, 4);
                    Assert.True(Completed(l), "progressed after an incomplete session (PM4)");
                });
                Assert.False(NextMorningUnsettled(c.CheckIns, c.Logs[1].PerformedOn, c.Logs[0].PerformedOn),
                    "progressed although pain had not settled by the next morning (PM2, PM4)");
                Assert.False(UsualPainRising(c.CheckIns, c.Logs[0].PerformedOn), "progressed while usual pain was rising (PM3, PM8)");
                Assert.True(Harder(decision.Next, decision.Previous), "progress did not make it harder");
                break;

            case ProgressionAction.Hold:
                Assert.Equal(decision.Previous, decision.Next);
                break;

            case ProgressionAction.Regress:
                // PM4/PM6: only two unsettled mornings in a row, or three incomplete sessions at this dose, step back.
                Assert.True(c.Logs.Count == 3, "regressed with fewer than three sessions");
                var unsettledTwice = UnsettledBetween(c.CheckIns, c.Logs[2].PerformedOn, c.Logs[1].PerformedOn)
                    && UnsettledBetween(c.CheckIns, c.Logs[1].PerformedOn, c.Logs[0].PerformedOn);
                var incompleteThrice = c.Logs.All(l => l.Prescribed == c.Current && !Completed(l));
                Assert.True(unsettledTwice || incompleteThrice, "regressed without a PM4 or PM6 trigger");
                goto case ProgressionAction.Stop;

            case ProgressionAction.Stop:
                Assert.False(Harder(decision.Next, decision.Previous), "a stop or regression made it harder");
                if (c.Pinned)
                {
                    Assert.Equal(decision.Previous, decision.Next);
                }
                else if (AtBottom(c))
                {
                    Assert.Equal(ProgressionAction.Stop, decision.Action); // at the bottom a regression is a hold
                    Assert.Equal(decision.Previous, decision.Next);
                }
                else
                {
                    Assert.True(Easier(decision.Next, decision.Previous), "a stop or regression above the bottom did not step back");
                }

                break;
        }

        if (c.Pinned)
        {
            Assert.Equal(decision.Previous, decision.Next);
        }
    }

    [Fact]
    public void Generator_CoversEveryAction()
    {
        // Guards the property above against a generator that never reaches an interesting case.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<ProgressionAction, int>();
        s_anyDays.Sample(c =>
        {
            var d = ProgressionEngine.Decide(TestLibrary.Library, new ItemState(c.Current, c.Pinned), c.Logs, c.CheckIns, c.Allows);
            seen.AddOrUpdate(d.Action, 1, (_, n) => n + 1);
        }, iter: 2_000);

        Assert.All(ProgressionActions.FromSessions, a => Assert.True(seen.GetValueOrDefault(a) > 0, $"no {a} in 2,000 cases"));
        Assert.All(seen.Keys, a => Assert.Contains(a, ProgressionActions.FromSessions));
    }

    [Fact]
    public void SessionActions_AreEveryActionButTheClinicianChanges()
    {
        Assert.Equal(Enum.GetValues<ProgressionAction>().Except([ProgressionAction.Tailored, ProgressionAction.Precautions]), ProgressionActions.FromSessions);
    }
}
