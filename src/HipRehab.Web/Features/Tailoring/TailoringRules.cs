using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>
/// The checks and changes behind a therapist's tailoring: a dose within the variant's own limits
/// (the library's ladder, PM5), an exercise that keeps within the person's constraints, and the
/// decision each change leaves in the item's history.
/// </summary>
public static class TailoringRules
{
    /// <summary>The rule a therapist's change cites.</summary>
    public const string TailoredRule = "PL5";

    /// <summary>The longest rest between sets the library itself allows (LibraryLoader's bound).</summary>
    public const int MaxRestSeconds = 600;

    /// <summary>
    /// The dose the request asks for, checked against the variant: within its progression limits,
    /// reps and holds only where the variant has them, a band only for banded variants, sides as
    /// its laterality says. Omitted fields keep <paramref name="basis"/>. Errors name <c>dose.field</c>.
    /// </summary>
    public static Dose? CheckDose(DoseRequest request, ExerciseVariant variant, Dose basis, Dictionary<string, string[]> errors)
    {
        var limits = variant.Progression;
        var start = variant.DefaultDose;
        var before = errors.Count;
        var sets = request.Sets ?? basis.Sets;
        if (sets < 1 || sets > limits.MaxSets)
        {
            errors["dose.sets"] = [$"For {variant.Name}, choose 1 to {limits.MaxSets} sets (the most this exercise allows, PM5)."];
        }

        int? reps = request.Reps ?? basis.Reps;
        if (start.Reps is null)
        {
            if (request.Reps is not null)
            {
                errors["dose.reps"] = [$"{variant.Name} is a hold, not counted in reps. Leave reps out."];
            }

            reps = null;
        }
        else if (reps is not int r || r < 1 || r > (limits.MaxReps ?? start.Reps.Value))
        {
            errors["dose.reps"] = [$"For {variant.Name}, choose 1 to {limits.MaxReps ?? start.Reps} reps (the most this exercise allows, PM5)."];
        }

        int? hold = request.HoldSeconds ?? basis.HoldSeconds;
        var maxHold = limits.MaxHoldSeconds ?? start.HoldSeconds;
        if (maxHold is null)
        {
            if (request.HoldSeconds is not null)
            {
                errors["dose.holdSeconds"] = [$"{variant.Name} has no hold. Leave holdSeconds out."];
            }

            hold = null;
        }
        else if (hold is int h && (h < 1 || h > maxHold))
        {
            errors["dose.holdSeconds"] = [$"For {variant.Name}, hold 1 to {maxHold} seconds (the most this exercise allows, PM5)."];
        }
        else if (hold is null && start.Reps is null)
        {
            errors["dose.holdSeconds"] = [$"{variant.Name} needs a hold time (D4)."];
        }

        var rest = request.RestSeconds ?? basis.RestSeconds;
        if (rest < 0 || rest > MaxRestSeconds)
        {
            errors["dose.restSeconds"] = [$"Choose a rest of 0 to {MaxRestSeconds} seconds."];
        }

        var perSide = variant.Laterality == Laterality.EachSide;
        if (request.PerSide is bool ps && ps != perSide)
        {
            errors["dose.perSide"] = [perSide ? $"{variant.Name} is done on each side." : $"{variant.Name} is done with both legs together."];
        }

        Band? band = null;
        var banded = start.Band is not null;
        if (request.Band is { } text)
        {
            if (!Vocab<Band>.TryParse(text, out var b))
            {
                errors["dose.band"] = [$"Use one of: {string.Join(", ", Vocab<Band>.Names)}."];
            }
            else if (!banded)
            {
                errors["dose.band"] = [$"{variant.Name} does not use a band. Leave band out."];
            }
            else if (b > (limits.MaxBand ?? start.Band!.Value))
            {
                errors["dose.band"] = [$"For {variant.Name}, the strongest band is {Vocab<Band>.Name(limits.MaxBand ?? start.Band!.Value)} (PM5)."];
            }
            else
            {
                band = b;
            }
        }
        else if (banded)
        {
            band = basis.Band ?? start.Band;
        }

        var days = request.DaysPerWeek ?? basis.DaysPerWeek;
        if (days < 1 || days > 7)
        {
            errors["dose.daysPerWeek"] = ["Choose 1 to 7 days a week."];
        }

        return errors.Count > before ? null : new Dose(sets, reps, hold, rest, perSide, band, days);
    }

    /// <summary>A dose is only meaningful for its own variant: one from another variant starts at the new variant's own start.</summary>
    public static Dose BasisFor(ExerciseVariant variant, PlanItemRecord item) =>
        item.ExerciseId == variant.Id ? PlanMapping.DoseOf(item) : variant.DefaultDose;

}
