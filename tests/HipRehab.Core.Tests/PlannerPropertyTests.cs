using CsCheck;
using HipRehab.Core.Assessment;
using HipRehab.Core.Planning;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>
/// Random intakes against an oracle re-derived here from docs/clinical-rules.md §2 (not from Core's own
/// constraint code), so a planner bug and a constraint bug cannot cancel out.
/// </summary>
public class PlannerPropertyTests
{
    private const int Iterations = 10_000;
    private static readonly DateOnly s_today = Intakes.Today;

    private static Gen<HashSet<T>> Subset<T>(T[] all) =>
        Gen.Bool.Array[all.Length].Select(bits => all.Where((_, i) => bits[i]).ToHashSet());

    private static readonly Gen<Surgery?> s_surgery = Gen.Frequency(
        (2, Gen.Const((Surgery?)null)),
        (5,
            from kind in Gen.Frequency((4, Gen.Const(SurgeryKind.TotalHipReplacement)), (1, Gen.Enum<SurgeryKind>()))
            from approach in Gen.Nullable(Gen.Enum<SurgeryApproach>(), 0.15)
            // Dates cluster around the end of the 42-day default window.
            from daysAgo in Gen.OneOf(Gen.Int[0, 120], Gen.Int[39, 45])
            from dateKnown in Gen.Int[0, 9]
            select (Surgery?)new Surgery(kind, approach, dateKnown == 0 ? null : s_today.AddDays(-daysAgo))));

    internal static readonly Gen<Intake> s_intake =
        from birthYear in Gen.Int[1920, s_today.Year - 18]
        from sex in Gen.Enum<Sex>()
        from painSide in Gen.Enum<PainSide>()
        from painLocation in Gen.Enum<PainLocation>()
        from cause in Gen.Enum<Cause>()
        from painNow in Gen.Int[0, 10]
        from surgery in s_surgery
        from redFlags in Subset(Enum.GetValues<RedFlag>())
        from pregnant in Gen.Frequency((1, Gen.Const(true)), (4, Gen.Const(false)))
        from osteoporosis in Gen.Bool
        from abilities in Gen.Bool.Array[3]
        from equipment in Subset(Enum.GetValues<Equipment>())
        from goals in Subset(Enum.GetValues<Goal>())
        select new Intake
        {
            BirthYear = birthYear,
            Sex = sex,
            PainSide = painSide,
            PainLocation = painLocation,
            Cause = cause,
            PainNow = painNow,
            Surgery = surgery,
            RedFlags = redFlags,
            Pregnant = pregnant,
            Osteoporosis = osteoporosis,
            Abilities = new Abilities(abilities[0], abilities[1], abilities[2]),
            Equipment = equipment,
            Goals = goals,
        };

    /// <summary>The demands docs/clinical-rules.md §2 forbids for this person today, derived independently of Core.</summary>
    internal static HashSet<Demand> ForbiddenDemands(Intake intake, DateOnly today)
    {
        var forbidden = new HashSet<Demand>();

        // §2.1: a hip replacement's precautions last 6 weeks (42 days, the last day included) by default;
        // an unknown date cannot be shown to be outside the window, so the precautions stay.
        if (intake.Surgery is { Kind: SurgeryKind.TotalHipReplacement } s
            && (s.Date is not DateOnly date || today.DayNumber - date.DayNumber <= 42))
        {
            Demand[] posterior = [Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying];
            switch (s.Approach)
            {
                case SurgeryApproach.Anterior:
                    forbidden.UnionWith([Demand.HipExtensionPastNeutral, Demand.ExternalRotation]);
                    break;
                case SurgeryApproach.Lateral:
                    forbidden.UnionWith(posterior);
                    forbidden.Add(Demand.ActiveAbduction);
                    break;
                default: // posterior, or not known: the posterior set
                    forbidden.UnionWith(posterior);
                    break;
            }
        }

        if (!intake.Abilities.GetDownToFloor && !intake.Equipment.Contains(Equipment.Bed))
        {
            forbidden.Add(Demand.Lying); // CX1
        }

        if (!intake.Abilities.Kneel)
        {
            forbidden.Add(Demand.Kneeling); // CX2
        }

        if (intake.PainLocation == PainLocation.OuterHip)
        {
            forbidden.Add(Demand.AdductionPastMidline); // CX4
            forbidden.Add(Demand.SideLying); // §2.2: clamshell "lateral hip pain (compression)"
        }

        if (intake.Osteoporosis)
        {
            forbidden.Add(Demand.ForwardLeanSeated); // CX5
        }

        if (intake.Pregnant)
        {
            forbidden.Add(Demand.Supine); // CX6 (the trimester is not asked)
        }

        return forbidden;
    }

    internal static string Describe(Intake i) =>
        $"born {i.BirthYear}, {i.PainLocation}, surgery {i.Surgery}, flags [{string.Join(",", i.RedFlags)}], pregnant {i.Pregnant}, " +
        $"osteoporosis {i.Osteoporosis}, {i.Abilities}, equipment [{string.Join(",", i.Equipment)}], goals [{string.Join(",", i.Goals)}]";

    [Fact]
    public void Plan_ForRandomIntakes_NeverPlacesAVariantTheRulesForbid()
    {
        var library = TestLibrary.Library;
        s_intake.Sample(intake =>
        {
            var plan = Planner.Plan(intake, Screener.Screen(intake, s_today), library, s_today);
            var forbidden = ForbiddenDemands(intake, s_today);

            foreach (var item in plan.Items)
            {
                var v = library.FindVariant(item.ExerciseId);
                Assert.NotNull(v);
                var clash = v.Demands.Where(forbidden.Contains).ToList();
                Assert.True(clash.Count == 0, $"{v.Id} demands forbidden {string.Join(", ", clash)}");
                Assert.True(v.Equipment.All(intake.Equipment.Contains), $"{v.Id} needs equipment the person lacks (CX7)");
                if (!intake.Abilities.StandWithoutSupport && (v.Demands.Contains(Demand.Standing) || v.Demands.Contains(Demand.SingleLegStance)))
                {
                    Assert.True(v.Supported, $"{v.Id} is standing without support (CX3)");
                }

                if (intake.PainLocation == PainLocation.OuterHip)
                {
                    Assert.NotEqual("it-band-stretch", v.Family); // CX4, §4 ladder: omit for lateral hip pain
                }

                if (intake.Surgery is { Kind: SurgeryKind.TotalHipReplacement })
                {
                    // §4 ladder: the piriformis stretch's forward lean is "not after THR", whatever the date.
                    Assert.False(v.Family == "piriformis-stretch" && v.Demands.Contains(Demand.ForwardLeanSeated), $"{v.Id} leans forward after a hip replacement");
                }

                Assert.Equal(v.DefaultDose, item.Dose);
            }
        }, iter: Iterations, print: Describe);
    }

    [Fact]
    public void Plan_ForRandomIntakes_ListsEveryFamilyOnce_WithinTenItems_CitingOnlyCatalogueRules()
    {
        var library = TestLibrary.Library;
        var families = library.Families.Select(f => f.Id).Order(StringComparer.Ordinal).ToList();
        s_intake.Sample(intake =>
        {
            var plan = Planner.Plan(intake, Screener.Screen(intake, s_today), library, s_today);

            Assert.True(plan.Items.Count <= Planner.MaxItems, $"{plan.Items.Count} items");
            var listed = plan.Items.Select(i => i.Family).Concat(plan.Excluded.Select(e => e.Family)).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(families, listed);
            Assert.All(plan.Excluded, e => Assert.NotEmpty(e.RuleIds));

            var cited = plan.Items.SelectMany(i => i.Why).Select(r => r.RuleId)
                .Concat(plan.Advice.Select(a => a.RuleId))
                .Concat(plan.Excluded.SelectMany(e => e.RuleIds));
            foreach (var id in cited)
            {
                Assert.True(RuleCatalogue.Contains(id), $"unknown rule '{id}'");
            }
        }, iter: Iterations, print: Describe);
    }

    [Fact]
    public void Preview_ForRandomIntakes_GivesAPlanExactlyWhenScreeningAllowsOne()
    {
        var library = TestLibrary.Library;
        s_intake.Sample(intake =>
        {
            var preview = Planner.Preview(intake, library, s_today);
            var blocked = intake.RedFlags.Any(f => f is not RedFlag.LongMorningStiffness) || intake.Pregnant;
            Assert.Equal(blocked, preview.Plan is null);
        }, iter: Iterations, print: Describe);
    }

    [Fact]
    public void Oracle_IsNotVacuous_ItForbidsTheArticleSquatRightAfterAPosteriorReplacement()
    {
        var forbidden = ForbiddenDemands(Intakes.AfterReplacement(SurgeryApproach.Posterior, 10), s_today);
        Assert.Contains(Demand.HipFlexionOver90, forbidden);
        Assert.Empty(ForbiddenDemands(Intakes.Typical(), s_today));
    }
}
