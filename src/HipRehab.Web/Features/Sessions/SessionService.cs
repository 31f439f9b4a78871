using System.Security.Cryptography;
using System.Text;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Logs a session: checks it, then hands it to <see cref="SessionWriter"/>, which decides and
/// writes the sessions waiting at one moment together (<see cref="SessionBatch"/>): each in one
/// transaction with its idempotency key, so a session is never lost, never stored twice, and every
/// plan change is kept as history. Shared by the API and the session player page.
/// </summary>
public sealed class SessionService(AppDb db, EscalationService escalation, SessionWriter writer, SessionBatch batch, TimeProvider clock)
{
    public const int MaxKeyLength = 100;

    /// <summary>A session may be stamped this far ahead of the server's clock (phones drift).</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    public async Task<SessionResult> LogAsync(string userId, string idempotencyKey, SessionRequest request, CancellationToken ct)
    {
        var hash = Hash(request);
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            // A key already used for another (valid) session is still a reused key.
            return await FindExistingAsync(userId, idempotencyKey, hash, ct) ?? new(SessionOutcome.Invalid, null, null, errors);
        }

        // Written by the session writer together with other sessions waiting at that moment: one
        // transaction and one durable commit for all of them, answered only after that commit.
        return await writer.SubmitAsync(new SessionJob(userId, idempotencyKey, hash, request), ct);
    }

    /// <summary>
    /// Logs a session at once in this scope, past the group-commit queue, with this service's own
    /// clock. For the demo seeder, which moves a clock through weeks of history one session at a
    /// time; the decision, the writing and the escalation after it are exactly those of <see cref="LogAsync"/>.
    /// </summary>
    internal async Task<SessionResult> LogNowAsync(string userId, string idempotencyKey, SessionRequest request)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return new(SessionOutcome.Invalid, null, null, errors);
        }

        var job = new SessionJob(userId, idempotencyKey, Hash(request), request);
        var result = (await batch.WriteAsync([job]))[0];
        if (result.Outcome == SessionOutcome.Created)
        {
            await escalation.EvaluateAsync(userId, SessionBatch.EscalationDay(escalation.Today, [job]), CancellationToken.None);
        }

        return result;
    }

    private async Task<SessionResult?> FindExistingAsync(string userId, string key, string hash, CancellationToken ct)
    {
        var existing = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.IdempotencyKey == key)
            .Select(s => new { s.RequestHash, s.ResponseJson })
            .FirstOrDefaultAsync(ct);
        return existing is null ? null : SessionResult.Answer(existing.RequestHash, existing.ResponseJson, hash);
    }

    /// <summary>Field-level checks of docs/api.md: ranges, dates, and one entry per plan item.</summary>
    public IDictionary<string, string[]> Validate(SessionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var now = clock.GetUtcNow();
        if (request.PerformedAt is not DateTimeOffset at)
        {
            errors["performedAt"] = ["Give the time of the session (UTC, ISO 8601)."];
        }
        else if (at > now + s_clockSkew)
        {
            errors["performedAt"] = ["The session time cannot be in the future."];
        }
        else if (DateOnly.FromDateTime(at.UtcDateTime) < DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Problems.MaxDaysBack))
        {
            errors["performedAt"] = [$"The session cannot be more than {Problems.MaxDaysBack} days ago."];
        }

        Range(request.PainBefore, "painBefore", 0, 10, required: false, errors);
        Range(request.PainAfter, "painAfter", 0, 10, required: false, errors);
        if (request.Exercises is not { Count: > 0 } exercises)
        {
            errors["exercises"] = ["List at least one exercise."];
            return errors;
        }

        if (exercises.Count > PlanLimits.MaxExercises)
        {
            errors["exercises"] = [$"List at most {PlanLimits.MaxExercises} exercises."];
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < exercises.Count; i++)
        {
            var e = exercises[i];
            var at0 = $"exercises[{i}]";
            if (e is null)
            {
                errors[at0] = ["Each exercise needs its details."];
                continue;
            }

            if (e.PlanItemId is not Guid id)
            {
                errors[$"{at0}.planItemId"] = ["Say which plan item this is."];
            }
            else if (!seen.Add(id))
            {
                errors[$"{at0}.planItemId"] = ["Each plan item can appear only once in a session."];
            }

            Range(e.CompletedSets, $"{at0}.completedSets", 0, 20, required: true, errors);
            Range(e.CompletedReps, $"{at0}.completedReps", 0, 500, required: false, errors);
            Range(e.CompletedHoldSeconds, $"{at0}.completedHoldSeconds", 0, 3600, required: false, errors);
            Range(e.PainDuring, $"{at0}.painDuring", 0, 10, required: true, errors);
            Range(e.Effort, $"{at0}.effort", 0, 10, required: true, errors);
            if (e.Note is { Length: > 1000 })
            {
                errors[$"{at0}.note"] = ["A note can be at most 1000 characters."];
            }
        }

        return errors;
    }

    private static void Range(int? value, string field, int min, int max, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors[field] = [$"Required: a whole number from {min} to {max}."];
            }
        }
        else if (value < min || value > max)
        {
            errors[field] = [$"Must be a whole number from {min} to {max}."];
        }
    }

    private static string Hash(SessionRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(StoredJson.Write(request))));
}
