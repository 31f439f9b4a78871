using HipRehab.Core.Assessment;
using HipRehab.Core.Library;

namespace HipRehab.Core.Planning;

/// <summary>
/// Turns an intake and the library into a plan. For each family it takes the easiest variant that
/// is safe for the person (PL1) at its starting dose (D7); families with no safe variant are
/// listed as excluded with the rules that ruled out each variant. It then keeps 6–10 families
/// (PL2), mixing strengthening and stretching and putting the person's goals first.
/// </summary>
public static class Planner
{
    /// <summary>The fewest items a plan aims for (PL2).</summary>
    public const int MinItems = 6;

    /// <summary>The most items a plan holds (PL2).</summary>
    public const int MaxItems = 10;

    /// <summary>Screens the intake and, when screening allows, plans. Nothing is stored.</summary>
    public static PlanPreview Preview(Intake intake, ExerciseLibrary library, DateOnly today, PlanningOptions? options = null)
    {
        options ??= PlanningOptions.None;
        var screening = Screener.Screen(intake, today);
        var outcome = screening.OutcomeAfter(options.ClearedRuleIds ?? new HashSet<string>());
        return outcome is ScreeningOutcome.Clear or ScreeningOutcome.Advice
            ? new PlanPreview(screening, Plan(intake, screening, library, today, options))
            : new PlanPreview(screening, null);
    }

    /// <summary>Plans for an intake whose screening allows a plan (the caller checks that).</summary>
    public static PlanDraft Plan(Intake intake, ScreeningResult screening, ExerciseLibrary library, DateOnly today, PlanningOptions? options = null)
    {
        options ??= PlanningOptions.None;
        var constraints = PersonConstraints.For(intake, today, options.RecordedPrecautions, options.FallRisk);
        var candidates = new List<(ExerciseFamily Family, ExerciseVariant Variant, int GoalScore)>();
        var excluded = new List<ExcludedFamily>();

        foreach (var family in library.Families)
        {
            var blocked = new List<Reason>();
            ExerciseVariant? chosen = null;
            // Start low (PL1): a plan never starts above the article's own version. When every
            // version up to it is unsafe, the family is left out rather than started harder.
            foreach (var variant in family.Variants.Where(v => v.Level <= family.ArticleVariant.Level))
            {
                var reasons = constraints.Check(variant);
                if (reasons.Count == 0)
                {
                    chosen = variant;
                    break;
                }

                blocked.AddRange(reasons);
            }

            if (chosen is null)
            {
                excluded.Add(new ExcludedFamily(family.Id, family.Name, family.ArticleVariant.Id,
                    [.. blocked.Select(r => r.RuleId).Distinct()],
                    $"Left out because every version of this exercise is unsafe for you right now: {JoinReasons(blocked)}."));
                continue;
            }

            candidates.Add((family, chosen, chosen.Goals.Count(intake.Goals.Contains)));
        }

        var selected = Select(candidates);
        foreach (var dropped in candidates.Where(c => !selected.Contains(c)))
        {
            excluded.Add(new ExcludedFamily(dropped.Family.Id, dropped.Family.Name, dropped.Family.ArticleVariant.Id, ["PL2"],
                $"Left out to keep your plan to {MaxItems} exercises; others fit your goals better. A therapist can add it."));
        }

        var order = new Dictionary<string, int>(library.Families.Count, StringComparer.Ordinal);
        for (var i = 0; i < library.Families.Count; i++)
        {
            order[library.Families[i].Id] = i;
        }

        var items = selected
            .OrderBy(c => c.Variant.Category)
            .ThenBy(c => order[c.Family.Id])
            .Select(c => Item(c.Family, c.Variant, intake, constraints))
            .ToList();

        return new PlanDraft(items, [.. excluded.OrderBy(e => order[e.Family])],
            Advice(intake, screening, constraints, options, items.Count));
    }

    private static List<(ExerciseFamily Family, ExerciseVariant Variant, int GoalScore)> Select(
        List<(ExerciseFamily Family, ExerciseVariant Variant, int GoalScore)> candidates)
    {
        if (candidates.Count <= MaxItems)
        {
            return candidates;
        }

        // Goals first; keep at least one of each category so the plan stays mixed.
        var ranked = candidates.OrderByDescending(c => c.GoalScore).ToList();
        var picked = new List<(ExerciseFamily, ExerciseVariant, int)>();
        foreach (var category in Enum.GetValues<Category>())
        {
            var best = ranked.FirstOrDefault(c => c.Variant.Category == category);
            if (best.Family is not null)
            {
                picked.Add(best);
            }
        }

        picked.AddRange(ranked.Where(c => !picked.Contains(c)).Take(MaxItems - picked.Count));
        return picked;
    }

    private static PlanItemDraft Item(ExerciseFamily family, ExerciseVariant variant, Intake intake, PersonConstraints constraints)
    {
        var why = new List<Reason>();
        var strength = variant.Category == Category.Strengthening;
        why.Add(new("PL1", variant.Level == 1
            ? "This is the gentlest version of this exercise. You will move to harder versions as your pain allows."
            : $"This is the easiest version that is safe for you. You will move up as your pain allows."));

        var skippedReasons = family.Variants.Where(v => v.Level < variant.Level).SelectMany(constraints.Check).ToList();
        if (skippedReasons.Count > 0)
        {
            why.AddRange(skippedReasons.Where(r => r.RuleId != "THR-D").DistinctBy(r => r.RuleId).Select(r => r with { Text = $"Easier versions were left out because {r.Text}." }));
        }

        var article = family.ArticleVariant;
        if (article.Id != variant.Id)
        {
            var articleBlocks = constraints.Check(article);
            if (articleBlocks.Count > 0)
            {
                why.AddRange(articleBlocks.Where(r => r.RuleId != "THR-D").DistinctBy(r => r.RuleId)
                    .Select(r => r with { Text = $"We use this instead of the usual version ({article.Name}) because {r.Text}." }));
            }
        }

        var served = variant.Goals.Where(intake.Goals.Contains).ToList();
        if (served.Count > 0)
        {
            why.Add(new("PL2", $"It helps with what you want to improve: {string.Join(", ", served.Select(Describe))}."));
        }

        why.Add(strength
            ? new("D7", $"Start with {variant.DefaultDose.Describe()} at an easy effort (about 3 to 4 out of 10).")
            : new("D4", $"Hold each stretch to a gentle pull, never to pain: {variant.DefaultDose.Describe()}."));
        why.Add(strength
            ? new("D1", "Do it 3 days a week with a rest day in between, so your muscles can recover.")
            : new("D4", "Stretching every day works best."));

        if (constraints.NeedsSupport && variant.Supported)
        {
            why.Add(new("CX3", "Keep a hand on a chair, counter or wall the whole time."));
        }

        var dose = variant.DefaultDose;
        return new PlanItemDraft(family.Id, family.Name, variant.Id, variant.Name, variant.Category, variant.Level, dose,
            Schedule(dose.DaysPerWeek), why);
    }

    /// <summary>
    /// Spreads the sessions over the week: 3 strength days never fall on consecutive days (D1);
    /// 7 means every day (D4).
    /// </summary>
    public static IReadOnlyList<DayOfWeek> Schedule(int daysPerWeek) => daysPerWeek switch
    {
        >= 7 => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday],
        4 => [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday, DayOfWeek.Sunday],
        3 => [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday],
        2 => [DayOfWeek.Tuesday, DayOfWeek.Friday],
        1 => [DayOfWeek.Wednesday],
        5 => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
        _ => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
    };

    private static List<Reason> Advice(Intake intake, ScreeningResult screening, PersonConstraints constraints, PlanningOptions options, int itemCount)
    {
        var advice = new List<Reason>
        {
            new("PL4", "Please check with a physical therapist or doctor that this plan suits you before you start. This plan does not diagnose your hip pain."),
        };
        var cleared = options.ClearedRuleIds ?? new HashSet<string>();
        foreach (var f in screening.Findings)
        {
            if (f.Outcome == ScreeningOutcome.Advice)
            {
                advice.Add(new(f.RuleId, f.Message));
            }
            else if (f.Outcome == ScreeningOutcome.SeeClinicianSoon && cleared.Contains(f.RuleId))
            {
                advice.Add(new(f.RuleId, "A clinician has reviewed this answer and cleared you to start."));
            }
        }

        if (constraints.Precautions is { } p)
        {
            var until = p.Until is DateOnly d ? $" until {d:yyyy-MM-dd}" : " until your surgeon or therapist says otherwise";
            advice.Add(new(p.RuleIds[0], $"Your plan follows hip replacement precautions{until}. Some exercises are left out or changed to keep within them."));
            if (p.Defaulted)
            {
                advice.Add(new("THR-D", intake.Surgery?.Approach is null or SurgeryApproach.Unknown
                    ? "You did not know your surgical approach, so we used the strictest usual precautions (posterior) for 6 weeks after surgery. Your surgeon's own instructions always come first."
                    : "We apply your precautions for 6 weeks after surgery. If your surgeon gave you a different end date, follow your surgeon."));
            }
        }

        if (constraints.NeedsSupport)
        {
            advice.Add(new("CX3", "Because your balance needs support, do standing exercises next to a sturdy chair or counter. Ask a therapist about balance exercises, which can lower the chance of a fall."));
        }

        if (intake.PainLocation == PainLocation.OuterHip)
        {
            advice.Add(new("CX4", "With pain on the outside of the hip, avoid crossing your legs and lying on the sore side, in exercise and in daily life."));
        }

        if (intake.Osteoporosis)
        {
            advice.Add(new("CX5", "With osteoporosis, avoid quick or repeated bending forward or twisting, especially when lifting. Keep up strength work at least 2 days a week."));
        }

        if (itemCount < MinItems)
        {
            advice.Add(new("PL2", itemCount == 0
                ? "We could not find exercises that are safe for you to do alone. A physical therapist can build a plan around your needs."
                : "Fewer exercises than usual are safe for you to do alone. A physical therapist can add more that fit your needs."));
        }

        return advice;
    }

    private static string JoinReasons(IEnumerable<Reason> reasons) =>
        string.Join("; ", reasons.DistinctBy(r => r.Text).Select(r => $"{r.Text} ({r.RuleId})"));

    private static string Describe(Goal goal) => goal switch
    {
        Goal.Pain => "less pain",
        Goal.RangeOfMotion => "moving more freely",
        Goal.Strength => "strength",
        Goal.Posture => "posture",
        Goal.Walking => "walking",
        Goal.Stairs => "stairs",
        Goal.ChairTransfers => "getting in and out of a chair",
        _ => Vocab<Goal>.Name(goal),
    };
}
