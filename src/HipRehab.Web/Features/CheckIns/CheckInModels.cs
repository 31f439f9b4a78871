using HipRehab.Web.Features.Alerts;

namespace HipRehab.Web.Features.CheckIns;

/// <summary>A morning check-in as sent (docs/api.md).</summary>
public sealed record CheckInRequest(DateOnly? Date, int? UsualPain, bool? SettledSinceLastSession, IReadOnlyList<string>? RedFlags);

/// <summary>The answer to a check-in: its id and the alerts it raised.</summary>
public sealed record CheckInResponse(Guid Id, DateOnly Date, IReadOnlyList<AlertResponse> Alerts);
