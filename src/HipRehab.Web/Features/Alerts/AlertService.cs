using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Alerts;

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
