using HipRehab.Core.Lifestyle;
using HipRehab.Core.Outcomes;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Outcomes;

namespace HipRehab.Web.Features.Progress;

/// <summary>One day of the usual-pain series (check-ins, each on its own date).</summary>
/// <param name="Date">The day.</param>
/// <param name="Pain">The average of that day's ratings (one decimal); null without a rating that day.</param>
/// <param name="Ratings">How many ratings that day.</param>
/// <param name="SevenDayAverage">The average of the 7 days ending that day (one decimal); null without any rating in them.</param>
public sealed record PainDay(DateOnly Date, decimal? Pain, int Ratings, decimal? SevenDayAverage);

/// <summary>Usual pain over time (OM1; the windows of E2).</summary>
/// <param name="BaselineFrom">First day of the baseline: the first check-in's date.</param>
/// <param name="BaselineTo">Last day of the baseline (the first day plus 6).</param>
/// <param name="BaselineComplete">False while the first 7 days are still running (the baseline can still change).</param>
/// <param name="Days">Every day from the first check-in (at most the last 365 days) to today.</param>
/// <param name="Direction">better, same or worse, when a change is reported.</param>
/// <param name="Meaningful">When a change is reported: 2 points or more, or an improvement of 30 % or more (OM1).</param>
/// <param name="Text">Plain words.</param>
/// <param name="RuleIds">The rules behind the figures.</param>
public sealed record PainProgress(DateOnly? BaselineFrom, DateOnly? BaselineTo, bool BaselineComplete, IReadOnlyList<PainDay> Days,
    ChangeDirection? Direction, bool? Meaningful, string Text, IReadOnlyList<string> RuleIds);

/// <summary>One result in an instrument's series.</summary>
public sealed record OutcomePoint(Guid Id, DateOnly Date, decimal Score, decimal? Change, bool? Meaningful);

/// <summary>An instrument's results over time: the first (baseline), the latest and its change, and every result (oldest first).</summary>
public sealed record OutcomeProgress(string Instrument, string Name, ScoreDirection Direction, OutcomePoint Baseline, OutcomePoint Latest,
    InterpretationResponse Interpretation, IReadOnlyList<OutcomePoint> Results);

/// <summary>A weight on a day.</summary>
public sealed record WeightPoint(DateOnly Date, decimal WeightKg);

/// <summary>Weight over time, from the intake's weight (the baseline) on (L1, L2).</summary>
public sealed record WeightProgress(decimal? BaselineKg, decimal? HeightCm, WeightSummary? Summary, IReadOnlyList<WeightPoint> Series);

/// <summary>Activity minutes: the last 7 days and each of the last 12 weeks (7-day windows ending today, today − 7, …; oldest first) against 150 (L3).</summary>
public sealed record ActivityProgress(ActivityWeek ThisWeek, IReadOnlyList<ActivityWeek> Weeks);

/// <summary>
/// <c>GET /api/v1/me/progress</c>: the docs/api.md figures first (<c>baselinePain</c> … <c>alerts</c>), then the
/// series a progress page draws. Pain figures are 7-day averages of check-in usual pain by each record's
/// own date: <c>baselinePain</c> is the first 7 days of records (E2's baseline), <c>currentPain</c> the last
/// 7 days, and <c>painChange</c> = current − baseline (negative = better), given once the two windows no
/// longer overlap. <c>adherence</c> is the current active plan's last 14 days (null without one).
/// </summary>
public sealed record ProgressResponse(DateOnly AsOf, decimal? BaselinePain, decimal? CurrentPain, decimal? PainChange, AdherenceResponse? Adherence,
    IReadOnlyList<OutcomeProgress> Outcomes, decimal? Bmi, decimal? WeightChangePercent, IReadOnlyList<AlertResponse> Alerts,
    PainProgress Pain, WeightProgress Weight, ActivityProgress Activity, DateOnly? PlanStart, IReadOnlyList<DueMeasureResponse> DueMeasures);
