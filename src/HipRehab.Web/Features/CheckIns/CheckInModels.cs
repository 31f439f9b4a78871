using HipRehab.Web.Features.Alerts;

namespace HipRehab.Web.Features.CheckIns;

/// <summary>A morning check-in as sent (docs/api.md).</summary>
public sealed record CheckInRequest(DateOnly? Date, int? UsualPain, bool? SettledSinceLastSession, IReadOnlyList<string>? RedFlags);

/// <summary>The answer to a check-in: its id and the alerts it raised.</summary>
public sealed record CheckInResponse(Guid Id, DateOnly Date, IReadOnlyList<AlertResponse> Alerts);

/// <summary>One stored check-in, as the person's list and the clinic's record show it.</summary>
public sealed record CheckInSummary(Guid Id, DateOnly Date, int UsualPain, bool SettledSinceLastSession, IReadOnlyList<string> RedFlags);
