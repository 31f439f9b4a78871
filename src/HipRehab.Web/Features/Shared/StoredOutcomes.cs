using HipRehab.Core;
using HipRehab.Core.Outcomes;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;

namespace HipRehab.Web.Features.Shared;

/// <summary>Stored outcome rows as the engine reads them (outcomes, escalation and progress all need them).</summary>
public static class StoredOutcomes
{
    /// <summary>The built-in results among stored records, as Core reads them.</summary>
    public static List<OutcomeResult> BuiltIn(IEnumerable<OutcomeRecord> records) =>
        [.. records.Select(ToResult).OfType<OutcomeResult>()];

    private static OutcomeResult? ToResult(OutcomeRecord r) => Vocab<Instrument>.TryParse(r.Instrument, out var instrument)
        ? new OutcomeResult(instrument, r.Date, r.Score, r.ActivitiesJson is null ? [] : StoredJson.Read<List<PsfsActivity>>(r.ActivitiesJson))
        : null;
}
