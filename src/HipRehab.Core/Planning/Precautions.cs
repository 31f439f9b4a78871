using System.Text.Json.Serialization;
using HipRehab.Core.Assessment;

namespace HipRehab.Core.Planning;

/// <summary>The precaution sets of docs/clinical-rules.md §2.1, plus a clinician's own list.</summary>
public enum PrecautionSet
{
    /// <summary>Posterior or posterolateral hip replacement (THR-P).</summary>
    [JsonStringEnumMemberName("posterior")] Posterior,

    /// <summary>Anterior hip replacement (THR-A).</summary>
    [JsonStringEnumMemberName("anterior")] Anterior,

    /// <summary>Lateral or anterolateral hip replacement (THR-L).</summary>
    [JsonStringEnumMemberName("lateral")] Lateral,

    /// <summary>Only the movements a clinician listed.</summary>
    [JsonStringEnumMemberName("custom")] Custom,
}

/// <summary>Precautions a clinician recorded from the surgeon's instructions; they replace the intake's defaults.</summary>
/// <param name="Set">The named set, or custom.</param>
/// <param name="ForbiddenDemands">Extra movements to avoid on top of the set.</param>
/// <param name="Until">The last day the precautions apply (inclusive), or null for "until cleared".</param>
public sealed record RecordedPrecautions(PrecautionSet Set, IReadOnlyList<Demand> ForbiddenDemands, DateOnly? Until);

/// <summary>
/// A movement that one family never asks of a person after a hip replacement, whatever the approach
/// and however long ago: unlike the sets of §2.1, it has no end date.
/// </summary>
/// <param name="Family">The exercise family it applies to.</param>
/// <param name="Demand">The movement its variants may not ask for.</param>
/// <param name="RuleId">The rule behind it.</param>
/// <param name="Text">Plain words for the person, completing "… because".</param>
public sealed record LastingRestriction(string Family, Demand Demand, string RuleId, string Text);

/// <summary>What a hip replacement brings for good (docs/clinical-rules.md §4's ladders, §2.2).</summary>
public static class HipReplacement
{
    /// <summary>
    /// The piriformis ladder's harder step is "gentle forward lean (not after THR)" (§4), and §2.2
    /// lists the leaning seated piriformis stretch as conflicting with every approach (THR-PF).
    /// </summary>
    public static IReadOnlyList<LastingRestriction> LastingRestrictions { get; } =
    [
        new("piriformis-stretch", Demand.ForwardLeanSeated, "THR-PF",
            "it leans forward in the chair, which this stretch never does after a hip replacement, however long ago it was"),
    ];

    /// <summary>
    /// True when the person has a hip replacement: they said so at the intake, or a clinician recorded
    /// the precautions of a hip-replacement approach.
    /// </summary>
    public static bool Had(Intake intake, RecordedPrecautions? recorded) =>
        intake.Surgery is { Kind: SurgeryKind.TotalHipReplacement }
        || recorded?.Set is PrecautionSet.Posterior or PrecautionSet.Anterior or PrecautionSet.Lateral;
}

/// <summary>Precautions in force on a given day, with the rules that put them there.</summary>
/// <param name="Set">The set applied.</param>
/// <param name="Forbidden">Every forbidden demand.</param>
/// <param name="RuleIds">The rules: the set's own, plus THR-D when a default was applied.</param>
/// <param name="Until">Last day in force (inclusive), or null when open-ended.</param>
/// <param name="Defaulted">True when the product had to assume the set or the window.</param>
public sealed record ActivePrecautions(PrecautionSet Set, IReadOnlySet<Demand> Forbidden, IReadOnlyList<string> RuleIds, DateOnly? Until, bool Defaulted)
{
    /// <summary>How long the default precautions last after surgery (THR-D, [U]).</summary>
    public const int DefaultWindowDays = 42;

    /// <summary>The movements each named set restricts (docs/clinical-rules.md §2.1, §2.2).</summary>
    public static IReadOnlySet<Demand> DemandsOf(PrecautionSet set) => set switch
    {
        // Lying on the non-operated side without a pillow counts as adduction past the midline, so
        // the posterior set keeps people off their side altogether (§2.2 clamshell, leg lift).
        PrecautionSet.Posterior => new HashSet<Demand> { Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying },
        // Many surgeons also ban crossing the legs after an anterior approach; the safe default includes it.
        PrecautionSet.Anterior => new HashSet<Demand> { Demand.HipExtensionPastNeutral, Demand.ExternalRotation, Demand.AdductionPastMidline },
        PrecautionSet.Lateral => new HashSet<Demand> { Demand.HipFlexionOver90, Demand.AdductionPastMidline, Demand.InternalRotation, Demand.SideLying, Demand.ActiveAbduction },
        _ => new HashSet<Demand>(),
    };

    /// <summary>The rule behind a named set.</summary>
    public static string RuleOf(PrecautionSet set) => set switch
    {
        PrecautionSet.Posterior => "THR-P",
        PrecautionSet.Anterior => "THR-A",
        PrecautionSet.Lateral => "THR-L",
        _ => "THR-S",
    };

    /// <summary>
    /// The precautions in force on <paramref name="today"/>: a clinician's record wins; otherwise a
    /// hip replacement applies its approach's set, or the posterior set when the approach is not
    /// known, for <see cref="DefaultWindowDays"/> days after surgery (the end day counts, because
    /// the person should still be careful on it). Null when none apply.
    /// </summary>
    public static ActivePrecautions? For(Intake intake, DateOnly today, RecordedPrecautions? recorded = null)
    {
        if (recorded is not null)
        {
            if (recorded.Until is DateOnly until && today > until)
            {
                return null;
            }

            var forbidden = new HashSet<Demand>(DemandsOf(recorded.Set));
            forbidden.UnionWith(recorded.ForbiddenDemands);
            string[] rules = recorded.Set == PrecautionSet.Custom ? ["THR-S"] : [RuleOf(recorded.Set), "THR-S"];
            return new ActivePrecautions(recorded.Set, forbidden, rules, recorded.Until, Defaulted: false);
        }

        if (intake.Surgery is not { Kind: SurgeryKind.TotalHipReplacement } surgery)
        {
            return null;
        }

        DateOnly? end = surgery.Date?.AddDays(DefaultWindowDays);
        if (end is DateOnly last && today > last)
        {
            return null;
        }

        var set = surgery.Approach switch
        {
            SurgeryApproach.Anterior => PrecautionSet.Anterior,
            SurgeryApproach.Lateral => PrecautionSet.Lateral,
            _ => PrecautionSet.Posterior,
        };
        // Without a surgeon's end date the window is always a default, so THR-D is always cited.
        return new ActivePrecautions(set, DemandsOf(set), [RuleOf(set), "THR-D"], end, Defaulted: true);
    }
}
