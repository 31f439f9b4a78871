using HipRehab.Core.Library;

namespace HipRehab.Core.Progression;

/// <summary>
/// One step up or down the ladder, one change at a time (PM5, PM9): reps, then sets, then hold
/// time, then band, then the next variant that is safe for the person at its starting dose.
/// Stepping down undoes the same changes in reverse order.
/// </summary>
public static class DoseLadder
{
    /// <summary>Reps added by one step (PM9).</summary>
    public const int RepStep = 2;

    /// <summary>One step harder, or null at the top of the ladder.</summary>
    /// <param name="library">The library.</param>
    /// <param name="current">The current prescription.</param>
    /// <param name="allows">Which variants are safe for the person; unsafe variants are passed over.</param>
    public static (Prescription Next, string Change)? Up(ExerciseLibrary library, Prescription current, Func<ExerciseVariant, bool> allows)
    {
        var variant = library.FindVariant(current.ExerciseId) ?? throw new ArgumentException($"Unknown exercise '{current.ExerciseId}'.", nameof(current));
        var d = current.Dose;
        var top = variant.Progression;

        if (d.Reps is int reps && top.MaxReps is int maxReps && reps < maxReps)
        {
            var next = Math.Min(reps + RepStep, maxReps);
            return (current with { Dose = d with { Reps = next } }, $"{next} reps instead of {reps}");
        }

        if (d.Sets < top.MaxSets)
        {
            return (current with { Dose = d with { Sets = d.Sets + 1 } }, $"{d.Sets + 1} sets instead of {d.Sets}");
        }

        if (d.HoldSeconds is int hold && top.MaxHoldSeconds is int maxHold && top.HoldStepSeconds is int step && hold < maxHold)
        {
            var next = Math.Min(hold + step, maxHold);
            return (current with { Dose = d with { HoldSeconds = next } }, $"hold {next} seconds instead of {hold}");
        }

        if (d.Band is Band band && top.MaxBand is Band maxBand && band < maxBand)
        {
            var next = band + 1;
            return (current with { Dose = d with { Band = next } },
                $"the {Vocab<Band>.Name(next)} band instead of the {Vocab<Band>.Name(band)} one");
        }

        var family = library.FamilyOf(variant);
        var harder = family.Variants.FirstOrDefault(v => v.Level > variant.Level && allows(v));
        return harder is null
            ? null
            : (new Prescription(harder.Id, harder.DefaultDose), $"a harder version, {harder.Name}, at its starting dose");
    }

    /// <summary>The next harder variant of the prescription's family, allowed or not; null at the top of the family.</summary>
    public static ExerciseVariant? NextVariant(ExerciseLibrary library, Prescription current)
    {
        var variant = library.FindVariant(current.ExerciseId) ?? throw new ArgumentException($"Unknown exercise '{current.ExerciseId}'.", nameof(current));
        return library.FamilyOf(variant).Variants.FirstOrDefault(v => v.Level > variant.Level);
    }

    /// <summary>One step easier, or null at the bottom of the ladder.</summary>
    public static (Prescription Next, string Change)? Down(ExerciseLibrary library, Prescription current, Func<ExerciseVariant, bool> allows)
    {
        var variant = library.FindVariant(current.ExerciseId) ?? throw new ArgumentException($"Unknown exercise '{current.ExerciseId}'.", nameof(current));
        var d = current.Dose;
        var start = variant.DefaultDose;

        if (d.Band is Band band && start.Band is Band startBand && band > startBand)
        {
            var next = band - 1;
            return (current with { Dose = d with { Band = next } },
                $"the {Vocab<Band>.Name(next)} band instead of the {Vocab<Band>.Name(band)} one");
        }

        if (d.HoldSeconds is int hold && start.HoldSeconds is int startHold && hold > startHold)
        {
            var next = Math.Max(hold - (variant.Progression.HoldStepSeconds ?? hold - startHold), startHold);
            return (current with { Dose = d with { HoldSeconds = next } }, $"hold {next} seconds instead of {hold}");
        }

        if (d.Sets > start.Sets)
        {
            return (current with { Dose = d with { Sets = d.Sets - 1 } }, $"{d.Sets - 1} sets instead of {d.Sets}");
        }

        if (d.Reps is int reps && start.Reps is int startReps && reps > startReps)
        {
            var next = Math.Max(reps - RepStep, startReps);
            return (current with { Dose = d with { Reps = next } }, $"{next} reps instead of {reps}");
        }

        var family = library.FamilyOf(variant);
        var easier = family.Variants.LastOrDefault(v => v.Level < variant.Level && allows(v));
        return easier is null
            ? null
            : (new Prescription(easier.Id, easier.DefaultDose), $"an easier version, {easier.Name}");
    }
}
