using System.Text.Json.Serialization;
using HipRehab.Core.Assessment;

namespace HipRehab.Core.Planning;

/// <summary>The precaution sets of clinical-rules §2.1, plus a clinician's own list.</summary>
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

    /// <summary>The movements each named set restricts (clinical-rules §2.1, §2.2).</summary>
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
