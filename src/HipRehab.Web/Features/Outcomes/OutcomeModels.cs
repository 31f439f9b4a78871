using HipRehab.Core.Outcomes;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>
/// An outcome measure as sent (docs/api.md): <c>{ instrument, date, ... }</c>. Built-in instruments use
/// <c>value</c>, <c>seconds</c> or <c>activities</c> (see <see cref="OutcomeForm"/>); a licensed
/// pack uses <c>answers</c>: item id → the chosen option's score.
/// </summary>
public sealed record OutcomeRequest
{
    public string? Instrument { get; init; }
    public DateOnly? Date { get; init; }
    public int? Value { get; init; }
    public decimal? Seconds { get; init; }
    public IReadOnlyList<PsfsActivityForm>? Activities { get; init; }
    public IReadOnlyDictionary<string, int?>? Answers { get; init; }

    public OutcomeForm ToForm() => new() { Instrument = Instrument, Date = Date, Value = Value, Seconds = Seconds, Activities = Activities };
}

/// <summary>
/// What a result means (docs/api.md <c>interpretation</c>): plain words and the rules behind them, and the
/// figures of <see cref="OutcomeInterpretation"/> with the change from baseline flattened into
/// <c>change</c> and <c>meaningful</c>. Figures an instrument does not have are null.
/// </summary>
/// <param name="Text">Plain words for the person.</param>
/// <param name="RuleIds">The rules of docs/clinical-rules.md §5 (and CX3 for a TUG fall risk). Empty for a licensed pack: its source is in <paramref name="Source"/>.</param>
/// <param name="NormLow">Chair stand: the 25th percentile of the age/sex norm (OM5).</param>
/// <param name="NormHigh">Chair stand: the 75th percentile.</param>
/// <param name="Band">Chair stand: below, within or above the norm.</param>
/// <param name="LowFunction">Chair stand: fewer than 8 stands.</param>
/// <param name="FallRisk">TUG: 12 seconds or more (OM6).</param>
/// <param name="SpeedMetresPerSecond">40 m walk: the speed.</param>
/// <param name="Responder">PGIC: much or very much improved (OM3).</param>
/// <param name="Baseline">The first score on this instrument, when this result is a later one.</param>
/// <param name="Change">This score minus the baseline (the raw difference; see <paramref name="Direction"/> for better or worse).</param>
/// <param name="Direction">better, same or worse.</param>
/// <param name="Meaningful">Whether the change reaches the instrument's meaningful change; null when the instrument is followed as a trend only.</param>
/// <param name="Size">PSFS: small, medium or large, when meaningful.</param>
/// <param name="Source">Licensed pack: where its meaningful change comes from.</param>
public sealed record InterpretationResponse(string Text, IReadOnlyList<string> RuleIds,
    int? NormLow, int? NormHigh, NormBand? Band, bool? LowFunction, bool? FallRisk, decimal? SpeedMetresPerSecond, bool? Responder,
    decimal? Baseline, decimal? Change, ChangeDirection? Direction, bool? Meaningful, string? Size, string? Source)
{
    public static InterpretationResponse From(OutcomeInterpretation i, string? source = null) => new(i.Text, i.RuleIds,
        i.NormLow, i.NormHigh, i.Band, i.LowFunction, i.FallRisk, i.SpeedMetresPerSecond, i.Responder,
        i.Change?.Baseline, i.Change?.Change, i.Change?.Direction, i.Change?.Meaningful, i.Change?.Size, source);
}

/// <summary>A recorded result with its interpretation (docs/api.md: <c>{ id, instrument, date, score, interpretation }</c>).</summary>
/// <param name="Id">The result.</param>
/// <param name="Instrument">The built-in name or the pack's id.</param>
/// <param name="Date">The day measured.</param>
/// <param name="Score">The instrument's score.</param>
/// <param name="Interpretation">What it means.</param>
/// <param name="Activities">PSFS: the activities rated; otherwise null.</param>
/// <param name="Answers">Pack: the answers given; otherwise null.</param>
/// <param name="Raw">Pack: the raw sum or mean; otherwise null.</param>
/// <param name="CreatedAt">When it was entered.</param>
public sealed record OutcomeResponse(Guid Id, string Instrument, DateOnly Date, decimal Score, InterpretationResponse Interpretation,
    IReadOnlyList<PsfsActivity>? Activities, IReadOnlyDictionary<string, int?>? Answers, decimal? Raw, DateTime CreatedAt);

/// <summary>One measure due (OS1), with how to do it.</summary>
public sealed record DueMeasureResponse(string Instrument, string Name, int Week, DateOnly DueDate, DueKind Kind, IReadOnlyList<string> RuleIds, string HowTo);

/// <summary>The measures due on a day, counted from the start of the person's first plan (OS1).</summary>
/// <param name="Date">The day asked about.</param>
/// <param name="PlanStart">The first plan's first day; null without a plan (nothing is due then).</param>
/// <param name="Week">The current time point: 0 (start), 6, 12, 24, …; null without a plan.</param>
/// <param name="Due">The measures still open at that time point.</param>
public sealed record DueMeasuresResponse(DateOnly Date, DateOnly? PlanStart, int? Week, IReadOnlyList<DueMeasureResponse> Due);

/// <summary>A pack question and its answers, for clients that render the questionnaire.</summary>
public sealed record InstrumentItemResponse(string Id, string Text, IReadOnlyList<PackOption> Options);

/// <summary>
/// One instrument a person can record (<c>GET /api/v1/instruments</c>): a built-in one (OM1–OM7) or a
/// licensed pack, with the fields its <c>POST /api/v1/me/outcomes</c> body takes.
/// </summary>
/// <param name="Id">What to send as <c>instrument</c>.</param>
/// <param name="Kind"><c>built-in</c> or <c>pack</c>.</param>
/// <param name="Name">Its usual name.</param>
/// <param name="HowTo">Instructions in plain words.</param>
/// <param name="Fields">The body fields it takes besides <c>instrument</c> and <c>date</c>: <c>value</c>, <c>seconds</c>, <c>activities</c> or <c>answers</c>.</param>
/// <param name="Min">The lowest score (or value) accepted; null for timed tests.</param>
/// <param name="Max">The highest.</param>
/// <param name="Direction">Which way the score gets better.</param>
/// <param name="Meaning">How results are read, and the meaningful change where there is one.</param>
/// <param name="MeaningfulChange">The meaningful change in score points; null for trend-only instruments.</param>
/// <param name="NeedsHelper">Only with a helper or clinician present (OM6, OM7).</param>
/// <param name="RuleIds">The rules behind it; empty for a pack.</param>
/// <param name="Code">LOINC/SNOMED/local code, for built-ins.</param>
/// <param name="Version">Pack version.</param>
/// <param name="LicenceNote">Pack: who licenses it and on what terms.</param>
/// <param name="Items">Pack: its questions.</param>
public sealed record InstrumentResponse(string Id, string Kind, string Name, string HowTo, IReadOnlyList<string> Fields, decimal? Min, decimal? Max,
    ScoreDirection Direction, string Meaning, decimal? MeaningfulChange, bool NeedsHelper, IReadOnlyList<string> RuleIds, string? Code,
    string? Version, string? LicenceNote, IReadOnlyList<InstrumentItemResponse>? Items);
