using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.CheckIns;

/// <summary>
/// Records morning check-ins (J3), then runs escalation (<see cref="EscalationService"/>, E1–E6)
/// over the person's records including this one: a red flag pauses the plan and raises E1, a usual
/// pain of 8 or more raises E5, and so on. The answer lists the alerts this check-in raised.
/// </summary>
public sealed class CheckInService(AppDb db, EscalationService escalation, TimeProvider clock)
{
    public async Task<(CheckInResponse? Response, IDictionary<string, string[]>? Errors)> RecordAsync(string userId, CheckInRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var errors = new Dictionary<string, string[]>();
        if (request.Date is not DateOnly date)
        {
            errors["date"] = ["Give the date of the check-in (YYYY-MM-DD)."];
            date = today;
        }
        else if (Problems.CheckDate(date, today) is { } dateError)
        {
            errors["date"] = [dateError];
        }

        if (request.UsualPain is not (>= 0 and <= 10))
        {
            errors["usualPain"] = ["Usual pain must be a whole number from 0 to 10."];
        }

        if (request.SettledSinceLastSession is null)
        {
            errors["settledSinceLastSession"] = ["Say whether the pain from your last session had settled by this morning."];
        }

        var flags = new List<RedFlag>();
        for (var i = 0; i < (request.RedFlags?.Count ?? 0); i++)
        {
            if (Vocab<RedFlag>.TryParse(request.RedFlags![i], out var flag))
            {
                flags.Add(flag);
            }
            else
            {
                errors[$"redFlags[{i}]"] = [$"'{request.RedFlags[i]}' is not a known warning sign."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var record = new CheckInRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, Date = date, UsualPain = request.UsualPain!.Value,
            SettledSinceLastSession = request.SettledSinceLastSession!.Value,
            RedFlagsJson = StoredJson.Write(flags.Select(Vocab<RedFlag>.Name).ToList()), CreatedAt = now,
        };

        // One transaction: the check-in, then escalation over the records including it (E1–E6),
        // with the alerts it raises and a pause when one says so.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.CheckIns.Add(record);
        await db.SaveChangesAsync(ct);
        var raised = await escalation.EvaluateAsync(userId, date > today ? date : today, ct);
        await KeepWithPauseAsync(record, flags, ct);
        await tx.CommitAsync(ct);
        return (new CheckInResponse(record.Id, record.Date, [.. raised.Select(AlertResponse.From)]), null);
    }

    /// <summary>
    /// A warning sign reported while the plan is paused joins the pause's findings, even when its
    /// alert was already open: lifting the pause (E1R) must answer for every one of them.
    /// </summary>
    private async Task KeepWithPauseAsync(CheckInRecord record, List<RedFlag> flags, CancellationToken ct)
    {
        var findings = Screener.ScreenRedFlags(flags).Findings.Where(f => f.Outcome >= ScreeningOutcome.SeeClinicianSoon).ToList();
        if (findings.Count == 0)
        {
            return;
        }

        var plan = await db.Plans.Where(p => p.UserId == record.UserId && p.Status == PlanStatus.Paused).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (plan is not null)
        {
            PlanPause.Pause(plan, findings.Select(f => new PauseFinding(f.RuleId, f.Outcome, f.Message, record.Id, record.Date)), plan.PausedReason ?? "", clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }
    }
}
