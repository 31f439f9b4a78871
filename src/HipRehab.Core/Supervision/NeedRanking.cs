using System.Text.Json.Serialization;

namespace HipRehab.Core.Supervision;

/// <summary>Why a patient needs a therapist's attention, most urgent first (the dashboard's sort order).</summary>
public enum NeedReason
{
    [JsonStringEnumMemberName("urgent-alert")] UrgentAlert,
    [JsonStringEnumMemberName("see-clinician-alert")] SeeClinicianAlert,
    [JsonStringEnumMemberName("worsening-pain")] WorseningPain,
    [JsonStringEnumMemberName("awaiting-clearance")] AwaitingClearance,
    [JsonStringEnumMemberName("low-adherence")] LowAdherence,
    [JsonStringEnumMemberName("none")] None,
}

/// <summary>What is known about one patient for ranking.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="OpenAlertSeverities">Severities of open (or acknowledged, unresolved) alerts: urgent-care, see-clinician-soon, see-clinician, info.</param>
/// <param name="PainWorsening">Usual pain is rising (E2).</param>
/// <param name="AwaitingClearance">Screening found something a clinician must clear before a plan.</param>
/// <param name="AdherencePercent">Recent adherence, when there was something to do.</param>
/// <param name="OldestOpenAlertAt">When the oldest unresolved alert was raised, to put the longest-waiting first.</param>
public sealed record PatientSignals(string PatientId, IReadOnlyList<string> OpenAlertSeverities, bool PainWorsening, bool AwaitingClearance,
    int? AdherencePercent, DateTime? OldestOpenAlertAt);

/// <summary>A patient's place on the dashboard with every reason that applies, strongest first.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Reasons">Every reason that applies, strongest first; <see cref="NeedReason.None"/> alone when nothing does.</param>
public sealed record RankedPatient(string PatientId, IReadOnlyList<NeedReason> Reasons)
{
    /// <summary>The reason that decides the order.</summary>
    public NeedReason Top => Reasons[0];
}

/// <summary>
/// Sorts patients by need: urgent alerts, then see-clinician alerts, then worsening pain, then
/// awaiting clearance, then low adherence (E6, under 50 %), then everyone else. Ties go to the
/// longest-waiting alert, then lowest adherence, then patient id for a stable order.
/// </summary>
public static class NeedRanking
{
    public static IReadOnlyList<RankedPatient> Rank(IEnumerable<PatientSignals> patients) => patients
        .Select(p => (Signals: p, Ranked: new RankedPatient(p.PatientId, Reasons(p))))
        .OrderBy(x => x.Ranked.Top)
        .ThenBy(x => x.Signals.OldestOpenAlertAt ?? DateTime.MaxValue)
        .ThenBy(x => x.Signals.AdherencePercent ?? 101)
        .ThenBy(x => x.Signals.PatientId, StringComparer.Ordinal)
        .Select(x => x.Ranked)
        .ToList();

    public static IReadOnlyList<NeedReason> Reasons(PatientSignals p)
    {
        var reasons = new List<NeedReason>();
        if (p.OpenAlertSeverities.Contains("urgent-care"))
        {
            reasons.Add(NeedReason.UrgentAlert);
        }

        if (p.OpenAlertSeverities.Any(s => s is "see-clinician-soon" or "see-clinician"))
        {
            reasons.Add(NeedReason.SeeClinicianAlert);
        }

        if (p.PainWorsening)
        {
            reasons.Add(NeedReason.WorseningPain);
        }

        if (p.AwaitingClearance)
        {
            reasons.Add(NeedReason.AwaitingClearance);
        }

        if (p.AdherencePercent is int a && a < Adherence.LowAdherencePercent)
        {
            reasons.Add(NeedReason.LowAdherence);
        }

        if (reasons.Count == 0)
        {
            reasons.Add(NeedReason.None);
        }

        return reasons;
    }
}
