using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>Named planning cases: docs/clinical-rules.md §2 (precautions, CX1–CX7), §3 (dosing) and the plan contract of docs/api.md.</summary>
public class PlannerTests
{
    private static readonly DateOnly s_today = Intakes.Today;
    private static ExerciseLibrary Library => TestLibrary.Library;

    private static PlanDraft PlanFor(Intake intake, DateOnly? today = null, PlanningOptions? options = null)
    {
        var day = today ?? s_today;
        return Planner.Plan(intake, Screener.Screen(intake, day), Library, day, options);
    }

    private static IEnumerable<ExerciseVariant> PlannedVariants(PlanDraft plan) =>
        plan.Items.Select(i => TestLibrary.Variant(i.ExerciseId));

    private static PlanItemDraft ItemOf(PlanDraft plan, string family) => Assert.Single(plan.Items, i => i.Family == family);

    private static ExcludedFamily ExcludedOf(PlanDraft plan, string family) => Assert.Single(plan.Excluded, e => e.Family == family);

    /// <summary>Abilities and equipment that push the planner up each ladder, so a precaution has something to bite on.</summary>
    public static TheoryData<bool, bool, bool, bool> AbilityMatrix()
    {
        var data = new TheoryData<bool, bool, bool, bool>();
        foreach (var floor in new[] { true, false })
        {
            foreach (var kneel in new[] { true, false })
            {
                foreach (var stand in new[] { true, false })
                {
                    foreach (var allEquipment in new[] { true, false })
                    {
                        data.Add(floor, kneel, stand, allEquipment);
                    }
                }
            }
        }

        return data;
    }

    private static Intake Vary(Intake intake, bool floor, bool kneel, bool stand, bool allEquipment) => intake with
    {
        Abilities = new Abilities(floor, kneel, stand),
        Equipment = allEquipment ? Intakes.AllEquipment : new HashSet<Equipment> { Equipment.Chair },
    };

    // ---- Hip replacement precautions (§2.1) ----

    [Theory]
    [MemberData(nameof(AbilityMatrix))]
    public void Plan_PosteriorReplacementWithinSixWeeks_NeverPlansDeepFlexionCrossingInwardTurnOrSideLying(bool floor, bool kneel, bool stand, bool allEquipment)
    {
        var plan = PlanFor(Vary(Intakes.AfterReplacement(SurgeryApproach.Posterior, daysAgo: 20), floor, kneel, stand, allEquipment));

        Demand[] forbidden = [Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying];
        Assert.All(PlannedVariants(plan), v => Assert.Empty(v.Demands.Intersect(forbidden)));
        Assert.Contains(plan.Advice, a => a.RuleId == "THR-P");
    }

    [Fact]
    public void Constraints_PosteriorReplacementWithinSixWeeks_RuleOutEveryVariantWithAPosteriorDemand()
    {
        var constraints = PersonConstraints.For(Intakes.AfterReplacement(SurgeryApproach.Posterior, daysAgo: 20), s_today);
        Demand[] forbidden = [Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying];

        var risky = Library.Variants.Where(v => v.Demands.Intersect(forbidden).Any()).ToList();
        Assert.Contains(risky, v => v.Id == "squat-to-chair-height");
        Assert.Contains(risky, v => v.Id == "piriformis-stretch-seated-press");
        Assert.All(risky, v =>
        {
            Assert.False(constraints.Allows(v), $"{v.Id} is allowed after a posterior replacement");
            Assert.Contains(constraints.Check(v), r => r.RuleId == "THR-P");
        });
    }

    [Theory]
    [MemberData(nameof(AbilityMatrix))]
    public void Plan_AnteriorReplacementWithinSixWeeks_NeverPlansExtensionOrExternalRotation(bool floor, bool kneel, bool stand, bool allEquipment)
    {
        var plan = PlanFor(Vary(Intakes.AfterReplacement(SurgeryApproach.Anterior, daysAgo: 20), floor, kneel, stand, allEquipment));

        Assert.All(PlannedVariants(plan), v =>
        {
            Assert.DoesNotContain(Demand.HipExtensionPastNeutral, v.Demands);
            Assert.DoesNotContain(Demand.ExternalRotation, v.Demands);
        });
        Assert.Contains("THR-A", ExcludedOf(plan, "hip-flexor-stretch").RuleIds);
        Assert.Contains("THR-A", ExcludedOf(plan, "clamshell").RuleIds);
        Assert.Contains(plan.Advice, a => a.RuleId == "THR-A");
    }

    [Theory]
    [MemberData(nameof(AbilityMatrix))]
    public void Plan_LateralReplacementWithinSixWeeks_NeverPlansActiveAbductionNorPosteriorDemands(bool floor, bool kneel, bool stand, bool allEquipment)
    {
        var plan = PlanFor(Vary(Intakes.AfterReplacement(SurgeryApproach.Lateral, daysAgo: 20), floor, kneel, stand, allEquipment));

        Demand[] forbidden = [Demand.ActiveAbduction, Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying];
        Assert.All(PlannedVariants(plan), v => Assert.Empty(v.Demands.Intersect(forbidden)));
        Assert.Contains("THR-L", ExcludedOf(plan, "side-lying-leg-lift").RuleIds);
        Assert.Contains("THR-L", ExcludedOf(plan, "banded-hip-abduction").RuleIds);
    }

    [Fact]
    public void Plan_UnknownApproach_UsesThePosteriorSet_AndSaysSoWithTHRD()
    {
        var unknown = PlanFor(Intakes.AfterReplacement(SurgeryApproach.Unknown, daysAgo: 10));
        var posterior = PlanFor(Intakes.AfterReplacement(SurgeryApproach.Posterior, daysAgo: 10));

        Assert.Equal(posterior.Items.Select(i => i.ExerciseId), unknown.Items.Select(i => i.ExerciseId));
        Assert.Equal(posterior.Excluded.Select(e => e.Family), unknown.Excluded.Select(e => e.Family));
        Assert.Contains(unknown.Advice, a => a.RuleId == "THR-P");
        Assert.Contains(unknown.Advice, a => a.RuleId == "THR-D");

        var constraints = PersonConstraints.For(Intakes.AfterReplacement(SurgeryApproach.Unknown, daysAgo: 10), s_today);
        Assert.Equal(PrecautionSet.Posterior, constraints.Precautions!.Set);
        Assert.False(constraints.Allows(TestLibrary.Family("squat").ArticleVariant));
    }

    [Fact]
    public void Plan_MissingApproach_UsesThePosteriorSet_AndSaysSoWithTHRD()
    {
        var plan = PlanFor(Intakes.AfterReplacement(approach: null, daysAgo: 10));
        Assert.Contains(plan.Advice, a => a.RuleId == "THR-D");
        Assert.Equal(PrecautionSet.Posterior, PersonConstraints.For(Intakes.AfterReplacement(null, 10), s_today).Precautions!.Set);
    }

    [Fact]
    public void Precautions_SurgeryExactlyFortyTwoDaysAgo_StillApply_AndFortyThreeDaysAgo_DoNot()
    {
        var clock = Intakes.Clock();
        var intake = Intakes.AfterReplacement(SurgeryApproach.Posterior, daysAgo: 42, today: Intakes.TodayOn(clock));
        var articleSquat = TestLibrary.Family("squat").ArticleVariant;
        var articlePiriformis = TestLibrary.Family("piriformis-stretch").ArticleVariant;

        var onDay42 = PersonConstraints.For(intake, Intakes.TodayOn(clock));
        Assert.NotNull(onDay42.Precautions);
        Assert.False(onDay42.Allows(articleSquat));
        Assert.False(onDay42.Allows(articlePiriformis));

        clock.Advance(TimeSpan.FromDays(1));

        var onDay43 = PersonConstraints.For(intake, Intakes.TodayOn(clock));
        Assert.Null(onDay43.Precautions);
        Assert.True(onDay43.Allows(articleSquat));
        // The leaning piriformis stretch never comes back after a hip replacement: that rule has no end date (THR-PF).
        Assert.Equal(["THR-PF"], onDay43.Check(articlePiriformis).Select(r => r.RuleId));
    }

    [Fact]
    public void Plan_PrecautionWindowEnding_ChangesThePlan()
    {
        // Off the floor and without a bed, the piriformis stretch can only be done seated, which bends the hip past 90°.
        var clock = Intakes.Clock();
        var intake = Intakes.AfterReplacement(SurgeryApproach.Posterior, daysAgo: 42, today: Intakes.TodayOn(clock)) with
        {
            Abilities = new Abilities(GetDownToFloor: false, Kneel: true, StandWithoutSupport: true),
        };

        var onDay42 = PlanFor(intake, Intakes.TodayOn(clock));
        Assert.DoesNotContain(onDay42.Items, i => i.Family == "piriformis-stretch");
        Assert.Contains("THR-P", ExcludedOf(onDay42, "piriformis-stretch").RuleIds);
        Assert.Contains(onDay42.Advice, a => a.RuleId == "THR-P");

        clock.Advance(TimeSpan.FromDays(1));

        var onDay43 = PlanFor(intake, Intakes.TodayOn(clock));
        Assert.Equal("piriformis-stretch-seated-upright", ItemOf(onDay43, "piriformis-stretch").ExerciseId);
        Assert.DoesNotContain(onDay43.Advice, a => a.RuleId is "THR-P" or "THR-D");
    }

    [Theory]
    [InlineData(SurgeryKind.HipArthroscopy)]
    [InlineData(SurgeryKind.FractureFixation)]
    [InlineData(SurgeryKind.Other)]
    public void Precautions_OtherSurgery_DoesNotApplyReplacementPrecautions(SurgeryKind kind)
    {
        var intake = Intakes.Typical() with { Surgery = new Surgery(kind, SurgeryApproach.Posterior, s_today.AddDays(-5)) };
        Assert.Null(PersonConstraints.For(intake, s_today).Precautions);
    }

    [Fact]
    public void Precautions_ReplacementWithUnknownDate_StillApply()
    {
        var intake = Intakes.Typical() with { Surgery = new Surgery(SurgeryKind.TotalHipReplacement, SurgeryApproach.Posterior, null) };
        Assert.False(PersonConstraints.For(intake, s_today).Allows(TestLibrary.Family("squat").ArticleVariant));
    }

    // ---- Abilities and conditions (§2.3) ----

    [Fact]
    public void Plan_CannotKneel_PlansNoKneeling_AndTheHipFlexorStretchIsStandingWithACX2Why()
    {
        var intake = Intakes.Typical() with { Abilities = new Abilities(GetDownToFloor: true, Kneel: false, StandWithoutSupport: true) };
        var plan = PlanFor(intake);

        Assert.All(PlannedVariants(plan), v => Assert.DoesNotContain(Demand.Kneeling, v.Demands));
        var item = ItemOf(plan, "hip-flexor-stretch");
        Assert.Equal("hip-flexor-stretch-standing-lunge", item.ExerciseId);
        Assert.Contains(Demand.Standing, TestLibrary.Variant(item.ExerciseId).Demands);
        Assert.Contains(item.Why, r => r.RuleId == "CX2");

        var constraints = PersonConstraints.For(intake, s_today);
        Assert.All(Library.Variants.Where(v => v.Demands.Contains(Demand.Kneeling)), v => Assert.False(constraints.Allows(v), v.Id));
    }

    [Fact]
    public void Plan_CannotGetToTheFloorWithoutABed_PlansNoLyingVariant_CitingCX1()
    {
        var intake = Intakes.Typical() with { Abilities = new Abilities(GetDownToFloor: false, Kneel: true, StandWithoutSupport: true) };
        var plan = PlanFor(intake);

        Assert.All(PlannedVariants(plan), v => Assert.DoesNotContain(Demand.Lying, v.Demands));
        Assert.Contains("CX1", ExcludedOf(plan, "glute-bridge").RuleIds);
        Assert.Equal("clamshell-seated-press-out", ItemOf(plan, "clamshell").ExerciseId);
    }

    [Fact]
    public void Plan_CannotGetToTheFloorButHasABed_AllowsLyingVariants()
    {
        var intake = (Intakes.Typical() with { Abilities = new Abilities(GetDownToFloor: false, Kneel: true, StandWithoutSupport: true) })
            .WithEquipment(Equipment.Chair, Equipment.Wall, Equipment.Bed);
        var plan = PlanFor(intake);

        Assert.Equal("glute-bridge-squeeze-hold", ItemOf(plan, "glute-bridge").ExerciseId);
        Assert.Contains(PlannedVariants(plan), v => v.Demands.Contains(Demand.Lying));
        Assert.DoesNotContain(plan.Items.SelectMany(i => i.Why), r => r.RuleId == "CX1");
    }

    [Fact]
    public void Plan_NeedsSupportToStand_PlansOnlySupportedStandingVariants_AndAddsCX3Advice()
    {
        var intake = Intakes.Typical() with { Abilities = new Abilities(GetDownToFloor: true, Kneel: true, StandWithoutSupport: false) };
        var plan = PlanFor(intake);

        var standing = PlannedVariants(plan).Where(v => v.Demands.Contains(Demand.Standing) || v.Demands.Contains(Demand.SingleLegStance)).ToList();
        Assert.NotEmpty(standing);
        Assert.All(standing, v => Assert.True(v.Supported, $"{v.Id} is planned unsupported for someone who needs support"));
        Assert.Contains(plan.Advice, a => a.RuleId == "CX3");

        var constraints = PersonConstraints.For(intake, s_today);
        Assert.False(constraints.Allows(TestLibrary.Variant("banded-hip-abduction-side-steps")));
        Assert.False(constraints.Allows(TestLibrary.Variant("squat-to-chair-height")));
    }

    [Fact]
    public void Plan_FallRiskMeasured_AppliesCX3AsIfSupportWereNeeded()
    {
        var plan = PlanFor(Intakes.Typical(), options: new PlanningOptions(FallRisk: true));
        Assert.Contains(plan.Advice, a => a.RuleId == "CX3");
        Assert.All(PlannedVariants(plan).Where(v => v.Demands.Contains(Demand.Standing)), v => Assert.True(v.Supported, v.Id));
    }

    [Fact]
    public void Constraints_FallRiskMeasured_SayTheTugIsWhy_NotThePersonsOwnAnswer()
    {
        var reason = Assert.Single(PersonConstraints.For(Intakes.Typical(), s_today, fallRisk: true).Check(TestLibrary.Variant("squat-sit-to-stand-no-arms")));
        Assert.Equal("CX3", reason.RuleId);
        Assert.Contains("Timed Up and Go", reason.Text, StringComparison.Ordinal);

        var told = Intakes.Typical() with { Abilities = Intakes.Typical().Abilities with { StandWithoutSupport = false } };
        Assert.Contains("you told us you need support", Assert.Single(PersonConstraints.For(told, s_today).Check(TestLibrary.Variant("squat-sit-to-stand-no-arms"))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OuterHipPain_ExcludesTheItBandStretchWithCX4_AndPlansNoCrossing()
    {
        var intake = Intakes.Typical() with { PainLocation = PainLocation.OuterHip };
        var plan = PlanFor(intake);

        Assert.DoesNotContain(plan.Items, i => i.Family == "it-band-stretch");
        Assert.Contains("CX4", ExcludedOf(plan, "it-band-stretch").RuleIds);
        Assert.All(PlannedVariants(plan), v => Assert.DoesNotContain(Demand.AdductionPastMidline, v.Demands));
        Assert.Contains(plan.Advice, a => a.RuleId == "CX4");

        var constraints = PersonConstraints.For(intake, s_today);
        Assert.False(constraints.Allows(TestLibrary.Family("piriformis-stretch").ArticleVariant));
    }

    [Fact]
    public void Plan_Osteoporosis_PlansNoSeatedForwardLean_AndAddsCX5Advice()
    {
        var intake = Intakes.Typical() with { Osteoporosis = true };
        var plan = PlanFor(intake);

        Assert.All(PlannedVariants(plan), v => Assert.DoesNotContain(Demand.ForwardLeanSeated, v.Demands));
        Assert.Contains(plan.Advice, a => a.RuleId == "CX5");

        var constraints = PersonConstraints.For(intake, s_today);
        var leaning = Library.Variants.Where(v => v.Demands.Contains(Demand.ForwardLeanSeated)).ToList();
        Assert.NotEmpty(leaning);
        Assert.All(leaning, v => Assert.Contains(constraints.Check(v), r => r.RuleId == "CX5"));
    }

    [Fact]
    public void Plan_MissingEquipment_PlansNoVariantThatNeedsIt()
    {
        var intake = Intakes.Typical().WithEquipment(Equipment.Wall);
        var plan = PlanFor(intake);

        Assert.All(PlannedVariants(plan), v => Assert.Subset(intake.Equipment.ToHashSet(), v.Equipment.ToHashSet()));
        var cited = plan.Items.SelectMany(i => i.Why.Select(w => w.RuleId)).Concat(plan.Excluded.SelectMany(e => e.RuleIds));
        Assert.Contains("CX7", cited);
    }

    [Fact]
    public void Plan_NoEquipmentAtAll_PlansOnlyEquipmentFreeVariants()
    {
        var plan = PlanFor(Intakes.Typical().WithEquipment());
        Assert.NotEmpty(plan.Items);
        Assert.All(PlannedVariants(plan), v => Assert.Empty(v.Equipment));
        Assert.Contains("CX7", ExcludedOf(plan, "calf-stretch").RuleIds);
    }

    // ---- Shape of every plan (docs/api.md, PL1, PL2, D1, D4, D7) ----

    public static TheoryData<string> NamedIntakes() =>
    [
        "typical", "posterior-recent", "anterior-recent", "lateral-recent", "outer-hip", "no-floor-no-kneel-support",
        "no-equipment", "osteoporosis", "everything-hard",
    ];

    private static Intake Named(string name) => name switch
    {
        "typical" => Intakes.Typical(),
        "posterior-recent" => Intakes.AfterReplacement(SurgeryApproach.Posterior, 37) with { Abilities = new Abilities(true, false, true) },
        "anterior-recent" => Intakes.AfterReplacement(SurgeryApproach.Anterior, 10),
        "lateral-recent" => Intakes.AfterReplacement(SurgeryApproach.Lateral, 10),
        "outer-hip" => Intakes.Typical() with { PainLocation = PainLocation.OuterHip },
        "no-floor-no-kneel-support" => Intakes.Typical() with { Abilities = new Abilities(false, false, false) },
        "no-equipment" => Intakes.Typical().WithEquipment(),
        "osteoporosis" => Intakes.Typical() with { Osteoporosis = true },
        _ => Intakes.AfterReplacement(SurgeryApproach.Lateral, 3).WithEquipment() with
        {
            Abilities = new Abilities(false, false, false), PainLocation = PainLocation.OuterHip, Osteoporosis = true,
        },
    };

    [Theory]
    [MemberData(nameof(NamedIntakes))]
    public void Plan_EveryFamilyAppearsExactlyOnce_InItemsOrExcluded(string name)
    {
        var plan = PlanFor(Named(name));
        var listed = plan.Items.Select(i => i.Family).Concat(plan.Excluded.Select(e => e.Family)).ToList();
        Assert.Equal(Library.Families.Select(f => f.Id).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NamedIntakes))]
    public void Plan_EveryExcludedFamily_NamesAtLeastOneRuleAndAReason(string name)
    {
        var plan = PlanFor(Named(name));
        Assert.All(plan.Excluded, e =>
        {
            Assert.NotEmpty(e.RuleIds);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            Assert.Equal(TestLibrary.Family(e.Family).ArticleVariant.Id, e.ExerciseId);
        });
    }

    [Theory]
    [MemberData(nameof(NamedIntakes))]
    public void Plan_EveryRuleIdItCites_IsInTheCatalogue(string name)
    {
        var plan = PlanFor(Named(name));
        var ids = plan.Items.SelectMany(i => i.Why.Select(w => w.RuleId))
            .Concat(plan.Advice.Select(a => a.RuleId))
            .Concat(plan.Excluded.SelectMany(e => e.RuleIds))
            .ToList();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.True(RuleCatalogue.Contains(id), $"plan cites unknown rule '{id}'"));
        Assert.All(plan.Items.SelectMany(i => i.Why).Concat(plan.Advice), r => Assert.False(string.IsNullOrWhiteSpace(r.Text)));
    }

    [Theory]
    [MemberData(nameof(NamedIntakes))]
    public void Plan_EveryItem_StartsAtItsVariantsDefaultDose_WithAWhy(string name)
    {
        var plan = PlanFor(Named(name));
        Assert.InRange(plan.Items.Count, 0, Planner.MaxItems);
        Assert.All(plan.Items, i =>
        {
            var v = TestLibrary.Variant(i.ExerciseId);
            Assert.Equal(v.Family, i.Family);
            Assert.Equal(v.Level, i.Level);
            Assert.Equal(v.DefaultDose, i.Dose);
            Assert.Contains(i.Why, r => r.RuleId == "PL1");
        });
        Assert.Contains(plan.Advice, a => a.RuleId == "PL4");
    }

    [Fact]
    public void Plan_TypicalIntakes_HoldSixToTenItems()
    {
        Assert.InRange(PlanFor(Intakes.Typical()).Items.Count, Planner.MinItems, Planner.MaxItems);
        Assert.InRange(PlanFor(Named("posterior-recent")).Items.Count, Planner.MinItems, Planner.MaxItems);
        Assert.InRange(PlanFor(Intakes.Typical() with { PainLocation = PainLocation.OuterHip }).Items.Count, Planner.MinItems, Planner.MaxItems);
    }

    [Fact]
    public void Plan_FewerThanSixSafeItems_SaysSoWithPL2()
    {
        var plan = PlanFor(Named("everything-hard"));
        Assert.True(plan.Items.Count < Planner.MinItems, $"expected a short plan, got {plan.Items.Count}");
        Assert.Contains(plan.Advice, a => a.RuleId == "PL2");
    }

    [Fact]
    public void Plan_MixesStrengtheningAndStretching()
    {
        var plan = PlanFor(Intakes.Typical());
        Assert.Contains(plan.Items, i => i.Category == Category.Strengthening);
        Assert.Contains(plan.Items, i => i.Category == Category.Stretching);
    }

    [Theory]
    [MemberData(nameof(NamedIntakes))]
    public void Plan_StrengtheningOnThreeNonConsecutiveDays_StretchingEveryDay(string name)
    {
        var plan = PlanFor(Named(name));
        foreach (var item in plan.Items)
        {
            if (item.Category == Category.Strengthening)
            {
                Assert.Equal(3, item.Days.Count);
                Assert.Equal(item.Days.Count, item.Days.Distinct().Count());
                foreach (var a in item.Days)
                {
                    foreach (var b in item.Days.Where(d => d != a))
                    {
                        var gap = Math.Abs((int)a - (int)b);
                        Assert.True(Math.Min(gap, 7 - gap) >= 2, $"{item.ExerciseId} is on consecutive days {a} and {b}");
                    }
                }

                Assert.Contains(item.Why, r => r.RuleId == "D1");
            }
            else
            {
                Assert.Equal(Enum.GetValues<DayOfWeek>().Order(), item.Days.Order());
                Assert.Contains(item.Why, r => r.RuleId == "D4");
            }
        }
    }

    // ---- Preview: screening decides whether there is a plan (§1) ----

    [Theory]
    [InlineData(RedFlag.FallCannotBearWeight)]
    [InlineData(RedFlag.ReplacementClunkDislocation)]
    [InlineData(RedFlag.CancerNightWeightLoss)]
    [InlineData(RedFlag.ReplacementNewPainOrWound)]
    public void Preview_BlockingRedFlag_GivesNoPlan(RedFlag flag)
    {
        var preview = Planner.Preview(Intakes.Typical().WithFlags(flag), Library, s_today);
        Assert.Null(preview.Plan);
        Assert.NotEqual(ScreeningOutcome.Clear, preview.Screening.Outcome);
    }

    [Fact]
    public void Preview_NotEligible_GivesNoPlan()
    {
        var preview = Planner.Preview(Intakes.Typical() with { BirthYear = s_today.Year - 15 }, Library, s_today);
        Assert.Equal(ScreeningOutcome.NotEligible, preview.Screening.Outcome);
        Assert.Null(preview.Plan);
    }

    [Fact]
    public void Preview_Advice_GivesAPlan_ShowingTheAdvice()
    {
        var preview = Planner.Preview(Intakes.Typical().WithFlags(RedFlag.LongMorningStiffness), Library, s_today);
        Assert.Equal(ScreeningOutcome.Advice, preview.Screening.Outcome);
        Assert.NotNull(preview.Plan);
        Assert.Contains(preview.Plan.Advice, a => a.RuleId == "RF10");
    }

    [Fact]
    public void Preview_Clear_GivesAPlan() => Assert.NotNull(Planner.Preview(Intakes.Typical(), Library, s_today).Plan);

    [Fact]
    public void Preview_ClearedSeeClinicianSoon_GivesAPlan_NotingTheClearance()
    {
        var intake = Intakes.Typical().WithFlags(RedFlag.CancerNightWeightLoss);
        var preview = Planner.Preview(intake, Library, s_today, new PlanningOptions(ClearedRuleIds: new HashSet<string> { "RF7" }));

        Assert.Equal(ScreeningOutcome.SeeClinicianSoon, preview.Screening.Outcome);
        Assert.NotNull(preview.Plan);
        Assert.Contains(preview.Plan.Advice, a => a.RuleId == "RF7");
    }

    [Fact]
    public void Preview_ClearanceOfAnotherRule_StillGivesNoPlan()
    {
        var intake = Intakes.Typical().WithFlags(RedFlag.CancerNightWeightLoss);
        Assert.Null(Planner.Preview(intake, Library, s_today, new PlanningOptions(ClearedRuleIds: new HashSet<string> { "RF9" })).Plan);
    }

    [Fact]
    public void Preview_Pregnant_GivesNoPlanUntilCleared()
    {
        var intake = Intakes.Typical() with { Pregnant = true };
        Assert.Null(Planner.Preview(intake, Library, s_today).Plan);
    }

    [Fact]
    public void Preview_PregnantAndCleared_PlansNoSupineVariant()
    {
        var intake = Intakes.Typical() with { Pregnant = true };
        var preview = Planner.Preview(intake, Library, s_today, new PlanningOptions(ClearedRuleIds: new HashSet<string> { "CX6" }));

        Assert.NotNull(preview.Plan);
        Assert.NotEmpty(preview.Plan.Items);
        Assert.All(PlannedVariants(preview.Plan), v => Assert.DoesNotContain(Demand.Supine, v.Demands));
        Assert.Contains("CX6", ExcludedOf(preview.Plan, "glute-bridge").RuleIds);
        Assert.Equal("piriformis-stretch-seated-upright", ItemOf(preview.Plan, "piriformis-stretch").ExerciseId);
    }

    [Fact]
    public void Plan_EasiestSafeVariantIsChosen_ForTheTypicalPerson()
    {
        var plan = PlanFor(Intakes.Typical().WithEquipment([.. Intakes.AllEquipment]));
        Assert.All(plan.Items, i => Assert.Equal(1, i.Level));
        Assert.Equal(10, plan.Items.Count);
        Assert.Empty(plan.Excluded);
    }

    [Fact]
    public void Plan_NeverStartsAFamilyAboveItsArticleVersion_EvenWhenOnlyHarderVersionsFit()
    {
        var library = TestLibrary.Library;
        // No equipment at all: the easy squats need a chair; only harder versions would fit.
        var intake = Intakes.Typical().WithEquipment();
        var plan = Planner.Plan(intake, Screener.Screen(intake, Intakes.Today), library, Intakes.Today);
        foreach (var item in plan.Items)
        {
            var family = library.FindFamily(item.Family)!;
            Assert.True(item.Level <= family.ArticleVariant.Level, $"{item.ExerciseId} starts above the article's level");
        }

        var squat = Assert.Single(plan.Excluded, e => e.Family == "squat");
        Assert.Contains("CX7", squat.RuleIds);
    }
}
