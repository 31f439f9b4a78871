using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.TryIt;

namespace HipRehab.Web.Features.Intake;

/// <summary>The answer of <c>PUT /api/v1/me/intake</c>.</summary>
/// <remarks><see cref="Clearances"/>: findings a linked clinician reviewed and cleared, and who did.</remarks>
public sealed record IntakeResponse(Guid Id, DateTime CreatedAt, ScreeningResponse Screening, IntakeForm Answers,
    IReadOnlyList<ClearanceResponse>? Clearances = null);

public static class IntakeEndpoints
{
    public static IEndpointRouteBuilder MapIntake(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/intake").WithTags("Intake").RequireAuthorization(AccountSetup.PersonApi);

        group.MapPut("/", async (HttpRequest request, IntakeService intakes, TimeProvider clock, CancellationToken ct) =>
            {
                var (form, problem) = await JsonBody.ReadAsync<IntakeForm>(request, ct);
                if (problem is not null)
                {
                    return problem;
                }

                var record = IntakeStore.Validate(form!, clock, out var errors);
                if (record is null)
                {
                    return Problems.Invalid(errors!);
                }

                record.UserId = request.HttpContext.User.UserId();
                await intakes.SaveAsync(record, ct);
                return TypedResults.Ok(IntakeStore.ToResponse(record));
            })
            .Accepts<IntakeForm>("application/json")
            .Produces<IntakeResponse>()
            .ProducesValidationProblem()
            .WithSummary("Answer the intake; the answer is screened at once (clinical-rules §1).");

        group.MapGet("/", async Task<Results<Ok<IntakeResponse>, ProblemHttpResult>> (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var latest = await IntakeStore.LatestAsync(db, http.User.UserId(), ct);
                return latest is null
                    ? Problems.NotFound("An intake")
                    : TypedResults.Ok(IntakeStore.ToResponse(latest) with { Clearances = await ClinicalRecords.ClearancesAsync(db, latest.UserId, latest.Id, ct) });
            })
            .WithSummary("The latest intake and its screening.");

        return app;
    }
}

/// <summary>Validation, screening and storage of intakes, shared by the API and the intake pages.</summary>
public static class IntakeStore
{
    /// <summary>Validates and screens; returns an unsaved record, or null with the field errors.</summary>
    public static IntakeRecord? Validate(IntakeForm form, TimeProvider clock, out IDictionary<string, string[]>? errors)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var validated = IntakeValidator.Validate(form, DateOnly.FromDateTime(now));
        if (!validated.IsValid)
        {
            errors = new Dictionary<string, string[]>(validated.Errors);
            return null;
        }

        errors = null;
        var screening = Screener.Screen(validated.Value!, DateOnly.FromDateTime(now));
        return new IntakeRecord
        {
            UserId = "",
            CreatedAt = now,
            FormJson = StoredJson.Write(form),
            ScreeningOutcome = Core.Vocab<ScreeningOutcome>.Name(screening.Outcome),
            FindingsJson = StoredJson.Write(screening.Findings),
            PainNow = validated.Value!.PainNow,
        };
    }

    public static Task<IntakeRecord?> LatestAsync(AppDb db, string userId, CancellationToken ct) =>
        db.Intakes.AsNoTracking().Where(i => i.UserId == userId).OrderByDescending(i => i.CreatedAt).FirstOrDefaultAsync(ct);

    public static ScreeningResult Screening(IntakeRecord record) => new(
        Core.Vocab<ScreeningOutcome>.TryParse(record.ScreeningOutcome, out var o) ? o : ScreeningOutcome.UrgentCare,
        StoredJson.Read<List<Finding>>(record.FindingsJson));

    public static Core.Assessment.Intake Intake(IntakeRecord record, DateOnly today) =>
        IntakeValidator.Validate(StoredJson.Read<IntakeForm>(record.FormJson), today).Value
        ?? throw new InvalidOperationException($"Stored intake {record.Id} no longer validates.");

    public static IntakeResponse ToResponse(IntakeRecord record) =>
        new(record.Id, record.CreatedAt, ScreeningResponse.From(Screening(record)), StoredJson.Read<IntakeForm>(record.FormJson));
}
