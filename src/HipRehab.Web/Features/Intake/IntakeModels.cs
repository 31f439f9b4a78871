using HipRehab.Core.Assessment;

namespace HipRehab.Web.Features.Intake;

/// <summary>A screening as the public API shows it.</summary>
public sealed record ScreeningResponse(ScreeningOutcome Outcome, IReadOnlyList<Finding> Findings)
{
    public static ScreeningResponse From(ScreeningResult s) => new(s.Outcome, s.Findings);
}

/// <summary>The answer of <c>PUT /api/v1/me/intake</c>.</summary>
/// <remarks><see cref="Clearances"/>: findings a linked clinician reviewed and cleared, and who did.</remarks>
public sealed record IntakeResponse(Guid Id, DateTime CreatedAt, ScreeningResponse Screening, IntakeForm Answers,
    IReadOnlyList<ClearanceResponse>? Clearances = null);
