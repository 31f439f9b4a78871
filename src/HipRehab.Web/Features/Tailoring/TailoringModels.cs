using HipRehab.Core;
using HipRehab.Core.Planning;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.Tailoring;

// Requests carry only what the caller may choose: the clinic and the person come from the route
// and the caller's rights. Unknown fields such as clinicId or patientId in a body are ignored.

public sealed record ClearanceRequest(List<string?>? RuleIds, string? Note);

/// <summary>
/// The clearances now on record for the person's latest screening and for the check-ins that paused
/// their plan, and whether a plan may be made. <see cref="PlanResumed"/>: this clearance lifted the
/// pause of their plan (E1R); <see cref="StillPausedBecause"/>: what keeps it paused, if anything.
/// </summary>
public sealed record ClearanceResult(string PatientId, Guid IntakeId, IReadOnlyList<ClearanceResponse> Clearances, string ScreeningOutcome, bool CanMakePlan,
    bool PlanResumed = false, IReadOnlyList<string>? StillPausedBecause = null);

public sealed record PrecautionsRequest(string? Set, List<string?>? ForbiddenDemands, string? Until);

/// <summary>The precautions on record, what they forbid, and what they changed in the current plan.</summary>
public sealed record PrecautionsResult(string PatientId, PrecautionSet Set, IReadOnlyList<Demand> ForbiddenDemands, IReadOnlyList<Demand> EffectiveForbidden,
    DateOnly? Until, IReadOnlyList<string> RuleIds, IReadOnlyList<DecisionResponse> Changes);

/// <summary>A dose as a request carries it: every field optional, the band as text, so errors name the field.</summary>
public sealed record DoseRequest(int? Sets, int? Reps, int? HoldSeconds, int? RestSeconds, bool? PerSide, string? Band, int? DaysPerWeek);

public sealed record ItemRequest(string? ExerciseId, DoseRequest? Dose, bool? Pinned);

