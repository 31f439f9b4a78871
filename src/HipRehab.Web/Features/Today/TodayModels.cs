using HipRehab.Core.Planning;
using HipRehab.Web.Features.Plans;

namespace HipRehab.Web.Features.Today;

/// <summary>
/// What is due on a day (docs/api.md), plus whether the plan is paused and whether it is a strength rest day.
/// <see cref="RestToday"/>: a pain rating of 8 or more that day (at the intake or a check-in) means no
/// exercise today (E5); nothing is due and <see cref="RestAdvice"/> says why and when to start again.
/// </summary>
public sealed record TodayResponse(DateOnly Date, IReadOnlyList<PlanItemResponse> Due, IReadOnlyList<Guid> CompletedSessionIds,
    bool Paused, string? PausedReason, bool StrengthRestDay, bool RestToday = false, Reason? RestAdvice = null);
