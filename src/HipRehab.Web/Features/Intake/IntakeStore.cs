using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Intake;

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
