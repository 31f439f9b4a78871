using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Alerts;

/// <summary>An alert as the API shows it (api.md).</summary>
public sealed record AlertResponse(Guid Id, string RuleId, string Severity, string Message, DateTime CreatedAt, string Status)
{
    public static AlertResponse From(AlertRecord a) => new(a.Id, a.RuleId, a.Severity, a.Message, a.CreatedAt, a.Status);
}

/// <summary>Alert severities, weakest first.</summary>
public static class Severity
{
    public const string Info = "info";
    public const string SeeClinician = "see-clinician";
    public const string SeeClinicianSoon = "see-clinician-soon";
    public const string UrgentCare = "urgent-care";

    private static readonly string[] s_order = [Info, SeeClinician, SeeClinicianSoon, UrgentCare];

    public static int Rank(string severity) => Array.IndexOf(s_order, severity);
}

/// <summary>
/// Raises alerts with one open alert per rule per person: a repeat of an open rule updates it
/// (only ever to a stronger severity) instead of adding another. Changes are tracked, not saved:
/// the caller saves them in its own transaction.
/// </summary>
public sealed class AlertService(AppDb db, TimeProvider clock)
{
    /// <summary>Raises or strengthens the open alert for a rule. Returns the alert and whether it is new.</summary>
    public async Task<(AlertRecord Alert, bool IsNew)> RaiseAsync(string userId, string ruleId, string severity, string message, CancellationToken ct)
    {
        var open = db.Alerts.Local.FirstOrDefault(a => a.UserId == userId && a.RuleId == ruleId && a.Status != "resolved")
            ?? await db.Alerts.FirstOrDefaultAsync(a => a.UserId == userId && a.RuleId == ruleId && a.Status != "resolved", ct);
        if (open is not null)
        {
            if (Severity.Rank(severity) > Severity.Rank(open.Severity))
            {
                open.Severity = severity;
                open.Message = message;
                open.Status = "open";
            }

            return (open, false);
        }

        var alert = new AlertRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, RuleId = ruleId, Severity = severity, Message = message,
            CreatedAt = clock.GetUtcNow().UtcDateTime, Status = "open",
        };
        db.Alerts.Add(alert);
        return (alert, true);
    }

    /// <summary>
    /// The person says they have seen an alert: it stays on record until a clinician resolves it.
    /// Null when the alert is not this person's (the caller answers 404).
    /// </summary>
    public async Task<AlertRecord?> AcknowledgeAsync(string userId, Guid alertId, CancellationToken ct)
    {
        var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Id == alertId && a.UserId == userId, ct);
        if (alert is { Status: "open" })
        {
            alert.Status = "acknowledged";
            alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return alert;
    }
}

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/alerts").WithTags("Alerts").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var alerts = await db.Alerts.AsNoTracking().Where(a => a.UserId == userId)
                    .OrderByDescending(a => a.CreatedAt).Take(200).ToListAsync(ct);
                return TypedResults.Ok(alerts.Select(AlertResponse.From).ToList());
            })
            .WithSummary("Your alerts, newest first.");

        group.MapPost("/{id:guid}/acknowledge", async Task<Results<Ok<AlertResponse>, ProblemHttpResult>> (Guid id, HttpContext http, AlertService alerts, CancellationToken ct) =>
                await alerts.AcknowledgeAsync(http.User.UserId(), id, ct) is { } alert
                    ? TypedResults.Ok(AlertResponse.From(alert))
                    : Problems.NotFound("That alert"))
            .WithSummary("Say you have seen an alert. It stays on record until a clinician resolves it.");

        return app;
    }
}
