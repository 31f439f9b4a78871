using System.Text;
using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>Why a tailoring change was refused: field errors for a form, and the problem the API answers.</summary>
public sealed record TailoringRefusal(int Status, string Type, string Title, IReadOnlyDictionary<string, string[]> Errors, string AuditOutcome,
    IReadOnlyList<string>? RuleIds = null)
{
    public static TailoringRefusal Invalid(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "", "", new Dictionary<string, string[]>(errors), Shared.AuditOutcome.DeniedInvalidInput);

    public static TailoringRefusal Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static TailoringRefusal NotFound(string what) =>
        new(StatusCodes.Status404NotFound, "", what, new Dictionary<string, string[]>(), Shared.AuditOutcome.DeniedNotFound);

    public static TailoringRefusal Unsafe(ExerciseVariant variant, IReadOnlyList<Reason> reasons) =>
        new(StatusCodes.Status409Conflict, "unsafe-exercise", "This exercise does not fit the person's precautions or needs",
            new Dictionary<string, string[]> { ["exerciseId"] = [$"{variant.Name} is not safe for them now: {PlanConstraints.Describe(reasons)}. Choose another version."] },
            Shared.AuditOutcome.DeniedInvalidInput, PlanConstraints.RuleIds(reasons));

    public static readonly TailoringRefusal PlanChanged =
        new(StatusCodes.Status409Conflict, "plan-changed", "The plan changed just now",
            new Dictionary<string, string[]> { ["plan"] = ["A session was logged for this exercise at the same moment. Please look at the plan again and repeat your change."] },
            Shared.AuditOutcome.DeniedConflict);

    /// <summary>Bad input: answered with <see cref="ToValidationProblem"/>, naming the fields.</summary>
    public bool IsInvalidInput => Status == StatusCodes.Status400BadRequest;

    public ValidationProblem ToValidationProblem() => Problems.Invalid(new Dictionary<string, string[]>(Errors));

    /// <summary>The RFC 9457 answer for a refusal that is not bad input: 404, or 409 with its type.</summary>
    public ProblemHttpResult ToProblem() => Status switch
    {
        StatusCodes.Status404NotFound => Problems.NotFound(Title),
        _ => TypedResults.Problem(statusCode: Status, type: Problems.TypeBase + Type, title: Title, detail: string.Join(" ", Errors.Values.SelectMany(m => m)),
            extensions: RuleIds is null
                ? new Dictionary<string, object?> { ["field"] = Errors.Keys.FirstOrDefault() }
                : new Dictionary<string, object?> { ["ruleIds"] = RuleIds, ["field"] = Errors.Keys.FirstOrDefault() }),
    };
}

/// <summary>A tailoring change's answer, or why it was refused.</summary>
public readonly record struct TailoringResult<T>(T? Value, TailoringRefusal? Refusal) where T : class
{
    public static implicit operator TailoringResult<T>(T value) => new(value, null);

    public static implicit operator TailoringResult<T>(TailoringRefusal refusal) => new(null, refusal);
}

/// <summary>
/// What a clinician changes in a linked person's care (issue 4 item 3), for the API and the pages
/// alike: clearance of see-clinician-soon findings, the surgeon's precautions, and plan tailoring.
/// The caller has opened the person's data through <see cref="ClinicAccess"/> (one allowed audit
/// entry tracked); a refusal turns that entry into the refusal, and a change is saved with it, so
/// every call leaves exactly one audit entry.
/// </summary>
public sealed class TailoringService(AppDb db, ClinicAccess access, ExerciseLibrary library, TimeProvider clock)
{
    public const int MaxNoteLength = 4000;

    private async Task<TailoringRefusal> RefuseAsync(string patientId, TailoringRefusal refusal, CancellationToken ct)
    {
        // Nothing was written: the attempt is still on record, as refused.
        await access.RefuseAfterOpeningAsync(refusal.AuditOutcome, patientId, ct);
        return refusal;
    }

    private Task<string?> EmailAsync(string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves a staff change to plan items. Each change bumped the item's revision (its concurrency
    /// token), so a session decided at the same moment from the old item cannot also be saved: the
    /// session writer decides again from fresh data, and here the loser is asked to try again.
    /// </summary>
    private async Task<TailoringRefusal?> SaveItemsAsync(StaffMember staff, string action, string patientId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // A concurrency conflict (the item's revision moved) or two first recordings of
            // precautions racing on the unique index: either way, nothing of this request was saved.
            db.ChangeTracker.Clear();
            await access.DenyAsync(staff, action, patientId, AuditOutcome.DeniedConflict, ct);
            return TailoringRefusal.PlanChanged;
        }
    }

    private async Task<PlanItemResponse> ItemResponseAsync(ExerciseLibrary clinicLibrary, PlanItemRecord item, CancellationToken ct)
    {
        var history = await db.Decisions.AsNoTracking().Where(d => d.PlanItemId == item.Id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(PlanService.HistoryPerItem).ToListAsync(ct);
        return PlanMapping.ToResponse(item, clinicLibrary, history);
    }

    /// <summary>
    /// Clears see-clinician-soon findings (docs/clinical-rules.md §1): of the person's latest screening, and of
    /// the check-ins that paused their plan (E1R). Once every see-clinician-soon warning sign of a
    /// pause is cleared, and no urgent-care one waits for a new intake, the plan resumes as it was
    /// (every precaution still applies: they are read fresh by the planner and progression) and its E1
    /// alert is resolved. The audit entry names each finding and the check-in it came from.
    /// </summary>
    public async Task<TailoringResult<ClearanceResult>> ClearAsync(StaffMember staff, string patientId, ClearanceRequest body, CancellationToken ct)
    {
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (intake is null)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid("ruleIds", "They have not answered the intake yet, so there is nothing to clear."), ct);
        }

        var screening = IntakeStore.Screening(intake);
        var plan = await db.Plans.Where(p => p.UserId == patientId && p.Status != PlanStatus.Replaced).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var pause = plan is { Status: PlanStatus.Paused } ? PlanPause.Findings(plan) : [];
        var errors = new Dictionary<string, string[]>();
        if (body.RuleIds is not { Count: > 0 } ruleIds)
        {
            errors["ruleIds"] = ["List the findings you reviewed and clear, e.g. [\"RF7\"]."];
            ruleIds = [];
        }
        else if (ruleIds.Count > screening.Findings.Count + pause.Count + 5)
        {
            errors["ruleIds"] = ["List each finding once."];
        }

        var fromIntake = new List<Finding>();
        var fromPause = new List<PauseFinding>();
        for (var i = 0; i < ruleIds.Count && errors.Count < 20; i++)
        {
            var intakeFinding = screening.Findings.FirstOrDefault(f => string.Equals(f.RuleId, ruleIds[i], StringComparison.OrdinalIgnoreCase));
            var pauseFindings = pause.Where(f => string.Equals(f.RuleId, ruleIds[i], StringComparison.OrdinalIgnoreCase)).ToList();
            var outcomes = pauseFindings.Select(f => f.Outcome).Concat(intakeFinding is null ? [] : [intakeFinding.Outcome]).ToList();
            if (outcomes.Count == 0)
            {
                errors[$"ruleIds[{i}]"] = [$"'{ruleIds[i]}' is not a finding of their latest screening or of a check-in that paused their plan."];
            }
            else if (!outcomes.Contains(ScreeningOutcome.SeeClinicianSoon) && outcomes.Any(o => o is ScreeningOutcome.UrgentCare or ScreeningOutcome.NotEligible))
            {
                var id = pauseFindings.FirstOrDefault()?.RuleId ?? intakeFinding!.RuleId;
                errors[$"ruleIds[{i}]"] = [$"{id} needs care today or rules out a self-guided plan. It cannot be cleared here."];
            }
            else if (!outcomes.Contains(ScreeningOutcome.SeeClinicianSoon))
            {
                errors[$"ruleIds[{i}]"] = [$"{intakeFinding!.RuleId} is advice only and does not block a plan, so it needs no clearance."];
            }
            else
            {
                if (intakeFinding is { Outcome: ScreeningOutcome.SeeClinicianSoon })
                {
                    fromIntake.Add(intakeFinding);
                }

                fromPause.AddRange(pauseFindings.Where(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon));
            }
        }

        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"Write a note of at most {MaxNoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        var already = await IntakeClearances.ClearedRuleIdsAsync(db, patientId, intake.Id, ct);
        var clearedForPause = await PlanPause.ClearedAsync(db, patientId, pause, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = new List<string>();
        foreach (var finding in fromIntake.DistinctBy(f => f.RuleId))
        {
            if (already.Add(finding.RuleId))
            {
                db.Clearances.Add(new ClearanceRecord
                {
                    Id = OrderedIds.Next(), ClinicId = staff.ClinicId, PatientId = patientId, IntakeId = intake.Id, RuleId = finding.RuleId,
                    ClearedBy = staff.UserId, ClearedAt = now, Note = note,
                });
                done.Add($"{finding.RuleId} of the intake of {intake.CreatedAt:yyyy-MM-dd}");
            }
        }

        foreach (var finding in fromPause.DistinctBy(f => f.RuleId))
        {
            if (clearedForPause.Add(finding.RuleId))
            {
                db.Clearances.Add(new ClearanceRecord
                {
                    Id = OrderedIds.Next(), ClinicId = staff.ClinicId, PatientId = patientId, IntakeId = plan!.IntakeId, RuleId = finding.RuleId,
                    ClearedBy = staff.UserId, ClearedAt = now, Note = note, CheckInId = finding.CheckInId, CheckInDate = finding.CheckInDate,
                });
                done.Add($"{finding.RuleId} of the check-in of {finding.CheckInDate:yyyy-MM-dd} ({finding.CheckInId})");
            }
        }

        var resumed = false;
        IReadOnlyList<string>? stillPaused = null;
        if (plan is { Status: PlanStatus.Paused })
        {
            if (PlanPause.CanResume(pause, clearedForPause, screenedAgainSincePause: false))
            {
                Resume(plan);
                await ResolvePauseAlertsAsync(patientId, now, ct);
                resumed = true;
            }
            else
            {
                stillPaused = [.. pause.Where(f => f.Outcome != ScreeningOutcome.SeeClinicianSoon || !clearedForPause.Contains(f.RuleId))
                    .Select(f => f.Outcome == ScreeningOutcome.SeeClinicianSoon
                        ? $"{f.RuleId} from the check-in of {f.CheckInDate:yyyy-MM-dd} is not cleared yet."
                        : $"{f.RuleId} from the check-in of {f.CheckInDate:yyyy-MM-dd} needs urgent care; the plan goes on once they have been seen and have answered the intake again.")];
            }
        }

        access.SetDetail(done.Count > 0 ? $"Cleared {string.Join("; ", done)}." + (resumed ? " The paused plan resumed." : "") : "Nothing new to clear.");
        await db.SaveChangesAsync(ct);
        var after = screening.OutcomeAfter(already);
        var result = new ClearanceResult(patientId, intake.Id, await IntakeClearances.ClearancesAsync(db, patientId, intake.Id, ct),
            Vocab<ScreeningOutcome>.Name(after), after is ScreeningOutcome.Clear or ScreeningOutcome.Advice, resumed, stillPaused);
        return result;
    }

    private static void Resume(PlanRecord plan)
    {
        plan.Status = PlanStatus.Active;
        plan.PausedReason = null;
        plan.PausedAt = null;
        plan.PausedFindingsJson = "[]";
    }

    /// <summary>The warning sign's alert is dealt with once its pause is lifted: the person and the clinic see it resolved.</summary>
    private async Task ResolvePauseAlertsAsync(string patientId, DateTime now, CancellationToken ct)
    {
        foreach (var alert in await db.Alerts.Where(a => a.UserId == patientId && a.RuleId == "E1" && a.Status != "resolved").ToListAsync(ct))
        {
            alert.Status = "resolved";
            alert.ResolvedAt = now;
        }
    }

    /// <summary>Records the surgeon's precautions (docs/clinical-rules.md §2.1) and applies them to the current plan.</summary>
    public async Task<TailoringResult<PrecautionsResult>> SetPrecautionsAsync(StaffMember staff, string patientId, PrecautionsRequest body, CancellationToken ct)
    {
        const string action = "set-precautions";
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var errors = new Dictionary<string, string[]>();
        if (!Vocab<PrecautionSet>.TryParse(body.Set, out var set))
        {
            errors["set"] = [$"Use one of: {string.Join(", ", Vocab<PrecautionSet>.Names)}."];
        }

        var demands = new List<Demand>();
        var listed = body.ForbiddenDemands ?? [];
        if (listed.Count > Vocab<Demand>.Names.Count)
        {
            errors["forbiddenDemands"] = ["List each movement once."];
        }
        else
        {
            for (var i = 0; i < listed.Count; i++)
            {
                if (Vocab<Demand>.TryParse(listed[i], out var d))
                {
                    demands.Add(d);
                }
                else
                {
                    errors[$"forbiddenDemands[{i}]"] = [$"Use one of: {string.Join(", ", Vocab<Demand>.Names)}."];
                }
            }
        }

        if (set == PrecautionSet.Custom && listed.Count == 0 && !errors.ContainsKey("set"))
        {
            errors["forbiddenDemands"] = ["A custom set needs at least one movement to avoid."];
        }

        DateOnly? until = null;
        if (body.Until is { } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var u))
            {
                errors["until"] = ["Give the last day as YYYY-MM-DD, or leave it out for \"until cleared\"."];
            }
            else if (u < today)
            {
                errors["until"] = ["The last day cannot be in the past. To end the precautions, choose today."];
            }
            else
            {
                until = u;
            }
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        demands = [.. demands.Distinct().Order()];
        var record = await db.PatientPrecautions.FirstOrDefaultAsync(p => p.PatientId == patientId, ct);
        if (record is null)
        {
            record = new PatientPrecautionRecord
            {
                Id = OrderedIds.Next(), PatientId = patientId, ClinicId = staff.ClinicId, Set = "", ForbiddenDemandsJson = "[]",
                RecordedBy = staff.UserId, RecordedAt = now,
            };
            db.PatientPrecautions.Add(record);
        }

        record.ClinicId = staff.ClinicId;
        record.Set = Vocab<PrecautionSet>.Name(set);
        record.ForbiddenDemandsJson = StoredJson.Write(demands.Select(Vocab<Demand>.Name).ToList());
        record.Until = until;
        record.RecordedBy = staff.UserId;
        record.RecordedAt = now;
        // The revision keys cached constraints: the next session reads the new precautions.
        record.Revision++;

        var recorded = new RecordedPrecautions(set, demands, until);
        var changes = new List<DecisionRecord>();
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (intake is not null && plan is not null)
        {
            var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff.ClinicId, ct);
            var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan.FallRisk);
            changes = PlanConstraints.ApplyConstraints(plan.Items, clinicLibrary, constraints, staff.UserId, await EmailAsync(staff.UserId, ct), now);
            db.Decisions.AddRange(changes);
        }

        if (await SaveItemsAsync(staff, action, patientId, ct) is { } conflict)
        {
            return conflict;
        }

        var forbidden = new HashSet<Demand>(ActivePrecautions.DemandsOf(set));
        forbidden.UnionWith(demands);
        List<string> rules = set == PrecautionSet.Custom ? ["THR-S"] : [ActivePrecautions.RuleOf(set), "THR-S"];
        return new PrecautionsResult(patientId, set, demands, [.. forbidden.Order()], until, rules,
            [.. changes.Select(PlanMapping.ToResponse)]);
    }

    /// <summary>Tailors a plan item: another version of its family, a dose within the library's limits, pin or unpin.</summary>
    public async Task<TailoringResult<PlanItemResponse>> UpdateItemAsync(StaffMember staff, string patientId, Guid itemId, ItemRequest body, CancellationToken ct)
    {
        const string action = "tailor-item";
        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var item = plan?.Items.FirstOrDefault(i => i.Id == itemId);
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (item is null || intake is null)
        {
            return await RefuseAsync(patientId, TailoringRefusal.NotFound("That plan item"), ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff.ClinicId, ct);
        var errors = new Dictionary<string, string[]>();
        var variant = clinicLibrary.FindVariant(body.ExerciseId ?? item.ExerciseId);
        if (variant is null)
        {
            errors["exerciseId"] = [body.ExerciseId is null
                ? "This item's exercise is not in your clinic's library. Choose another version with exerciseId."
                : $"'{body.ExerciseId}' is not an exercise in the library or your clinic's own exercises."];
        }
        else if (variant.Family != item.Family)
        {
            errors["exerciseId"] = [$"Choose a version of the same exercise ({item.Family}). To add another exercise, add a new plan item."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, patientId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan?.FallRisk == true);
        var reasons = constraints.Check(variant!);
        if (reasons.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Unsafe(variant!, reasons), ct);
        }

        var dose = body.Dose is null
            ? TailoringRules.BasisFor(variant!, item)
            : TailoringRules.CheckDose(body.Dose, variant!, TailoringRules.BasisFor(variant!, item), errors);
        if (dose is null)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        var previous = new PrescriptionResponse(item.ExerciseId, PlanMapping.DoseOf(item));
        var pinned = body.Pinned ?? item.Pinned;
        var changedPrescription = previous.ExerciseId != variant!.Id || previous.Dose != dose;
        if (!changedPrescription && pinned == item.Pinned && !item.OnHold)
        {
            await db.SaveChangesAsync(ct); // the allowed audit entry: the item was opened, nothing changed
            return await ItemResponseAsync(clinicLibrary, item, ct);
        }

        var explanation = new StringBuilder();
        if (changedPrescription)
        {
            var before = clinicLibrary.FindVariant(previous.ExerciseId)?.Name ?? previous.ExerciseId;
            explanation.Append(previous.ExerciseId == variant.Id
                ? $"Your therapist changed the dose of {variant.Name} to {dose.Describe()} (it was {previous.Dose.Describe()}). "
                : $"Your therapist changed this exercise from {before} to {variant.Name}, with {dose.Describe()}. ");
        }

        if (pinned && !item.Pinned)
        {
            explanation.Append("They pinned it, so it will not change on its own; they will adjust it with you. ");
        }
        else if (!pinned && item.Pinned)
        {
            explanation.Append("They unpinned it, so it can change again as your pain allows. ");
        }
        else if (!changedPrescription)
        {
            explanation.Append("Your therapist checked this exercise and it is back in your plan. ");
        }

        var pinRules = pinned || pinned != item.Pinned;
        PlanMapping.SetDose(item, variant.Id, dose);
        if (item.DaysPerWeek != previous.Dose.DaysPerWeek)
        {
            item.DaysJson = StoredJson.Write(Planner.Schedule(item.DaysPerWeek));
        }

        item.Pinned = pinned;
        item.OnHold = false;
        item.Revision++;
        List<string> rules = pinRules ? [TailoringRules.TailoredRule, "PL3"] : [TailoringRules.TailoredRule];
        db.Decisions.Add(PlanConstraints.Decision(item, ProgressionAction.Tailored, rules, explanation.ToString().Trim(), previous,
            staff.UserId, await EmailAsync(staff.UserId, ct), now));
        if (await SaveItemsAsync(staff, action, patientId, ct) is { } conflict)
        {
            return conflict;
        }

        return await ItemResponseAsync(clinicLibrary, item, ct);
    }

    /// <summary>Adds another exercise family to the person's plan.</summary>
    public async Task<TailoringResult<PlanItemResponse>> AddItemAsync(StaffMember staff, string patientId, ItemRequest body, CancellationToken ct)
    {
        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (plan is null || intake is null)
        {
            return await RefuseAsync(patientId, TailoringRefusal.NotFound("A plan"), ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff.ClinicId, ct);
        var errors = new Dictionary<string, string[]>();
        var variant = body.ExerciseId is null ? null : clinicLibrary.FindVariant(body.ExerciseId);
        if (variant is null)
        {
            errors["exerciseId"] = [body.ExerciseId is null
                ? "Say which exercise to add (its id)."
                : $"'{body.ExerciseId}' is not an exercise in the library or your clinic's own exercises."];
        }
        else if (plan.Items.Any(i => i.Family == variant.Family))
        {
            errors["exerciseId"] = [$"The plan already has {variant.FamilyName}. Change that item instead."];
        }
        else if (plan.Items.Count >= PlanLimits.MaxExercises)
        {
            errors["exerciseId"] = [$"A plan can hold at most {PlanLimits.MaxExercises} exercises."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, patientId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan.FallRisk);
        var reasons = constraints.Check(variant!);
        if (reasons.Count > 0)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Unsafe(variant!, reasons), ct);
        }

        var dose = body.Dose is null ? variant!.DefaultDose : TailoringRules.CheckDose(body.Dose, variant!, variant!.DefaultDose, errors);
        if (dose is null)
        {
            return await RefuseAsync(patientId, TailoringRefusal.Invalid(errors), ct);
        }

        var pinned = body.Pinned ?? false;
        var item = new PlanItemRecord
        {
            Id = Guid.CreateVersion7(), PlanId = plan.Id, UserId = patientId, Position = plan.Items.Count == 0 ? 0 : plan.Items.Max(i => i.Position) + 1,
            Family = variant!.Family, ExerciseId = variant.Id, Sets = 0, RestSeconds = 0, PerSide = false, DaysPerWeek = 0,
            DaysJson = StoredJson.Write(Planner.Schedule(dose.DaysPerWeek)),
            WhyJson = StoredJson.Write(new List<Reason> { new(TailoringRules.TailoredRule, "Your therapist added this exercise for you.") }),
            Pinned = pinned,
        };
        PlanMapping.SetDose(item, variant.Id, dose);
        db.PlanItems.Add(item);

        // Every family not in the plan is listed as left out: this one is in now.
        var excluded = StoredJson.Read<List<ExcludedFamily>>(plan.ExcludedJson);
        if (excluded.RemoveAll(e => e.Family == variant.Family) > 0)
        {
            plan.ExcludedJson = StoredJson.Write(excluded);
        }

        db.Decisions.Add(PlanConstraints.Decision(item, ProgressionAction.Tailored, pinned ? [TailoringRules.TailoredRule, "PL3"] : [TailoringRules.TailoredRule],
            $"Your therapist added {variant.Name} to your plan: {dose.Describe()}." + (pinned ? " They pinned it, so it will not change on its own." : ""),
            null, staff.UserId, await EmailAsync(staff.UserId, ct), now));
        await db.SaveChangesAsync(ct);
        return await ItemResponseAsync(clinicLibrary, item, ct);
    }
}
