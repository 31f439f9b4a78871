using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.CheckIns;

/// <summary>A morning check-in as sent (api.md).</summary>
public sealed record CheckInRequest(DateOnly? Date, int? UsualPain, bool? SettledSinceLastSession, IReadOnlyList<string>? RedFlags);

/// <summary>The answer to a check-in: its id and the alerts it raised.</summary>
public sealed record CheckInResponse(Guid Id, DateOnly Date, IReadOnlyList<AlertResponse> Alerts);

/// <summary>
/// Records morning check-ins (J3). Red flags are screened (E1): an urgent-care or see-clinician-soon
/// finding pauses the plan and raises an alert; a usual pain of 8 or more raises E5, which becomes
/// see-clinician-soon when it is still there at the next check-in.
/// </summary>
public sealed class CheckInService(AppDb db, AlertService alerts, TimeProvider clock)
{
    /// <summary>A single rating at or above this raises E5.</summary>
    public const int VeryHighPain = 8;

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

        // E5 "persists at the next check-in": was the previous check-in also very high?
        var previous = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId && c.Date < date)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Select(c => (int?)c.UsualPain).FirstOrDefaultAsync(ct);

        var record = new CheckInRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, Date = date, UsualPain = request.UsualPain!.Value,
            SettledSinceLastSession = request.SettledSinceLastSession!.Value,
            RedFlagsJson = StoredJson.Write(flags.Select(Vocab<RedFlag>.Name).ToList()), CreatedAt = now,
        };
        db.CheckIns.Add(record);

        var raised = new List<AlertRecord>();
        if (flags.Count > 0)
        {
            var screening = Screener.ScreenRedFlags(flags);
            var severity = screening.Outcome switch
            {
                ScreeningOutcome.UrgentCare => Severity.UrgentCare,
                ScreeningOutcome.SeeClinicianSoon => Severity.SeeClinicianSoon,
                _ => Severity.Info,
            };
            var message = string.Join(" ", screening.Findings.Select(f => $"{f.Message} ({f.RuleId})"));
            var (alert, isNew) = await alerts.RaiseAsync(userId, "E1", severity, message, ct);
            if (isNew || alert.Severity == severity)
            {
                raised.Add(alert);
            }

            if (screening.Outcome is ScreeningOutcome.UrgentCare or ScreeningOutcome.SeeClinicianSoon)
            {
                await PausePlanAsync(userId, $"Paused because of a warning sign at your check-in on {date:yyyy-MM-dd}. {message}", ct);
            }
        }

        if (request.UsualPain >= VeryHighPain)
        {
            var persists = previous >= VeryHighPain;
            var (alert, _) = await alerts.RaiseAsync(userId, "E5", persists ? Severity.SeeClinicianSoon : Severity.Info,
                persists
                    ? "Your pain has been 8 out of 10 or more at two check-ins in a row. Please see a physical therapist or doctor in the next few days, and do not exercise until then. (E5)"
                    : "Your pain is 8 out of 10 or more today. Please do not exercise today; rest and use what usually helps. If it is still this high at your next check-in, see a physical therapist or doctor. (E5)",
                ct);
            raised.Add(alert);
        }

        await db.SaveChangesAsync(ct);
        return (new CheckInResponse(record.Id, record.Date, [.. raised.Select(AlertResponse.From)]), null);
    }

    private async Task PausePlanAsync(string userId, string reason, CancellationToken ct)
    {
        var plan = await db.Plans.Where(p => p.UserId == userId && p.Status == "active").OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (plan is not null)
        {
            plan.Status = "paused";
            plan.PausedReason = reason;
            plan.PausedAt = clock.GetUtcNow().UtcDateTime;
        }
    }
}

public static class CheckInEndpoints
{
    public static IEndpointRouteBuilder MapCheckIns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/check-ins").WithTags("Check-ins").RequireAuthorization(AccountSetup.PersonApi);

        group.MapPost("/", async (HttpRequest request, CheckInService service, CancellationToken ct) =>
            {
                var (body, problem) = await JsonBody.ReadAsync<CheckInRequest>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var (response, errors) = await service.RecordAsync(request.HttpContext.User.UserId(), body!, ct);
                return errors is not null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/me/check-ins/{response!.Id}", response);
            })
            .Accepts<CheckInRequest>("application/json")
            .Produces<CheckInResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithSummary("A morning check-in: usual pain, whether yesterday's pain settled (PM2), and warning signs (E1).");

        group.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var list = await db.CheckIns.AsNoTracking().Where(c => c.UserId == userId)
                    .OrderByDescending(c => c.Date).ThenByDescending(c => c.CreatedAt).Take(200)
                    .Select(c => new { c.Id, c.Date, c.UsualPain, c.SettledSinceLastSession, c.RedFlagsJson })
                    .ToListAsync(ct);
                return TypedResults.Ok(list.Select(c => new { c.Id, c.Date, c.UsualPain, c.SettledSinceLastSession, RedFlags = StoredJson.Read<List<string>>(c.RedFlagsJson) }));
            })
            .WithSummary("Your check-ins, newest first.");

        return app;
    }
}
