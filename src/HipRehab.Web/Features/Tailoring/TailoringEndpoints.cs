using System.Text;
using System.Text.Json;
using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Core.Progression;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Features.Clinics;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>
/// What a clinician changes in a linked person's care (issue 4 item 3): clearance of
/// see-clinician-soon findings, the surgeon's precautions, plan tailoring, and the clinic's own
/// exercises. Every handler opens the data through <see cref="ClinicAccess"/> (staff → second
/// factor → link), leaves exactly one audit entry, and saves its changes with that entry.
/// </summary>
public static class TailoringEndpoints
{
    public const int MaxNoteLength = 4000;

    public static IEndpointRouteBuilder MapTailoring(this IEndpointRouteBuilder app)
    {
        var clinic = app.MapGroup("/api/v1/clinics/{clinicId:guid}").WithTags("Clinic tailoring").RequireAuthorization(AccountSetup.StaffApi);

        clinic.MapPost("/patients/{patientId}/clearances", ClearAsync)
            .Accepts<ClearanceRequest>("application/json")
            .Produces<ClearanceResult>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Clear see-clinician-soon findings of the person's latest screening after reviewing them (clinical-rules §1). Urgent-care findings cannot be cleared.");

        clinic.MapPut("/patients/{patientId}/precautions", PrecautionsAsync)
            .Accepts<PrecautionsRequest>("application/json")
            .Produces<PrecautionsResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record the surgeon's precautions (clinical-rules §2.1). New plans and progression obey them at once; current items that break them move to an easier allowed version or go on hold.");

        clinic.MapPut("/patients/{patientId}/plan/items/{itemId:guid}", UpdateItemAsync)
            .Accepts<ItemRequest>("application/json")
            .Produces<PlanItemResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Tailor a plan item: another version of its family, a dose within the library's limits, pin or unpin. Recorded in the item's history.");

        clinic.MapPost("/patients/{patientId}/plan/items", AddItemAsync)
            .Accepts<ItemRequest>("application/json")
            .Produces<PlanItemResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add another exercise family to the person's plan, from the library or the clinic's own exercises.");

        clinic.MapPost("/exercises", CreateExerciseAsync)
            .Accepts<JsonElement>("application/json")
            .Produces<CustomExerciseResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a clinic's own exercise family, in the library's file format and checked exactly as the library is.");

        clinic.MapGet("/exercises", ListExercisesAsync)
            .Produces<List<CustomExerciseResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The clinic's own exercise families.");

        return app;
    }

    private static async Task<(StaffMember? Staff, IResult? Problem)> OpenAsync(HttpContext http, ClinicAccess access, Guid clinicId, string action,
        string? patientId, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(http.User, clinicId, ct);
        if (notStaff is not null)
        {
            return (null, notStaff);
        }

        return await access.OpenPatientDataAsync(http.User, staff!, action, patientId, ct) is { } denied ? (null, denied) : (staff, null);
    }

    private static async Task<IResult> RefuseAsync(ClinicAccess access, string? patientId, IResult problem, CancellationToken ct, string outcome = AuditOutcome.DeniedInvalidInput)
    {
        // Nothing was written: the attempt is still on record, as refused.
        await access.RefuseAfterOpeningAsync(outcome, patientId, ct);
        return problem;
    }

    private static Task<string?> EmailAsync(AppDb db, string userId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Saves a staff change to plan items. Each change bumped the item's revision (its concurrency
    /// token), so a session decided at the same moment from the old item cannot also be saved: the
    /// session writer decides again from fresh data, and here the loser answers 409 to try again.
    /// </summary>
    private static async Task<IResult?> SaveItemsAsync(AppDb db, ClinicAccess access, StaffMember staff, string action, string patientId, CancellationToken ct)
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
            return Problems.Conflict("plan-changed", "The plan changed just now",
                "A session was logged for this exercise at the same moment. Please look at the plan again and repeat your change.");
        }
    }

    // ---- Clearance -------------------------------------------------------------------------

    private static async Task<IResult> ClearAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, AppDb db,
        TimeProvider clock, CancellationToken ct)
    {
        const string action = "clear-findings";
        var (staff, problem) = await OpenAsync(request.HttpContext, access, clinicId, action, patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<ClearanceRequest>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, patientId, bad, ct);
        }

        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (intake is null)
        {
            return await RefuseAsync(access, patientId, Problems.Invalid("ruleIds", "They have not answered the intake yet, so there is nothing to clear."), ct);
        }

        var screening = IntakeStore.Screening(intake);
        var errors = new Dictionary<string, string[]>();
        if (body!.RuleIds is not { Count: > 0 } ruleIds)
        {
            errors["ruleIds"] = ["List the findings you reviewed and clear, e.g. [\"RF7\"]."];
            ruleIds = [];
        }
        else if (ruleIds.Count > screening.Findings.Count + 5)
        {
            errors["ruleIds"] = ["List each finding once."];
        }

        for (var i = 0; i < ruleIds.Count && errors.Count < 20; i++)
        {
            var finding = screening.Findings.FirstOrDefault(f => string.Equals(f.RuleId, ruleIds[i], StringComparison.OrdinalIgnoreCase));
            if (finding is null)
            {
                errors[$"ruleIds[{i}]"] = [$"'{ruleIds[i]}' is not a finding of their latest screening."];
            }
            else if (finding.Outcome is ScreeningOutcome.UrgentCare or ScreeningOutcome.NotEligible)
            {
                errors[$"ruleIds[{i}]"] = [$"{finding.RuleId} needs care today or rules out a self-guided plan. It cannot be cleared here."];
            }
            else if (finding.Outcome != ScreeningOutcome.SeeClinicianSoon)
            {
                errors[$"ruleIds[{i}]"] = [$"{finding.RuleId} is advice only and does not block a plan, so it needs no clearance."];
            }
        }

        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            errors["note"] = [$"Write a note of at most {MaxNoteLength} characters."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
        }

        var already = await ClinicalRecords.ClearedRuleIdsAsync(db, patientId, intake.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var ruleId in ruleIds.Select(r => screening.Findings.First(f => string.Equals(f.RuleId, r, StringComparison.OrdinalIgnoreCase)).RuleId).Distinct())
        {
            if (already.Add(ruleId))
            {
                db.Clearances.Add(new ClearanceRecord
                {
                    Id = OrderedIds.Next(), ClinicId = staff!.ClinicId, PatientId = patientId, IntakeId = intake.Id, RuleId = ruleId,
                    ClearedBy = staff.UserId, ClearedAt = now, Note = note,
                });
            }
        }

        await db.SaveChangesAsync(ct);
        var after = screening.OutcomeAfter(already);
        var result = new ClearanceResult(patientId, intake.Id, await ClinicalRecords.ClearancesAsync(db, patientId, intake.Id, ct),
            Vocab<ScreeningOutcome>.Name(after), after is ScreeningOutcome.Clear or ScreeningOutcome.Advice);
        return TypedResults.Created($"/api/v1/clinics/{clinicId}/patients/{patientId}", result);
    }

    // ---- Precautions -----------------------------------------------------------------------

    private static async Task<IResult> PrecautionsAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, AppDb db,
        ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        const string action = "set-precautions";
        var (staff, problem) = await OpenAsync(request.HttpContext, access, clinicId, action, patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<PrecautionsRequest>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, patientId, bad, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var errors = new Dictionary<string, string[]>();
        if (!Vocab<PrecautionSet>.TryParse(body!.Set, out var set))
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
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
        }

        demands = [.. demands.Distinct().Order()];
        var record = await db.PatientPrecautions.FirstOrDefaultAsync(p => p.PatientId == patientId, ct);
        if (record is null)
        {
            record = new PatientPrecautionRecord
            {
                Id = OrderedIds.Next(), PatientId = patientId, ClinicId = staff!.ClinicId, Set = "", ForbiddenDemandsJson = "[]",
                RecordedBy = staff.UserId, RecordedAt = now,
            };
            db.PatientPrecautions.Add(record);
        }

        record.ClinicId = staff!.ClinicId;
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
        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != "replaced")
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (intake is not null && plan is not null)
        {
            var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff.ClinicId, ct);
            var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan.FallRisk);
            changes = TailoringRules.ApplyConstraints(plan.Items, clinicLibrary, constraints, staff.UserId, await EmailAsync(db, staff.UserId, ct), now);
            db.Decisions.AddRange(changes);
        }

        if (await SaveItemsAsync(db, access, staff, action, patientId, ct) is { } conflict)
        {
            return conflict;
        }

        var forbidden = new HashSet<Demand>(ActivePrecautions.DemandsOf(set));
        forbidden.UnionWith(demands);
        List<string> rules = set == PrecautionSet.Custom ? ["THR-S"] : [ActivePrecautions.RuleOf(set), "THR-S"];
        return TypedResults.Ok(new PrecautionsResult(patientId, set, demands, [.. forbidden.Order()], until, rules,
            [.. changes.Select(PlanMapping.ToResponse)]));
    }

    // ---- Plan items ------------------------------------------------------------------------

    private static async Task<IResult> UpdateItemAsync(Guid clinicId, string patientId, Guid itemId, HttpRequest request, ClinicAccess access, AppDb db,
        ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        const string action = "tailor-item";
        var (staff, problem) = await OpenAsync(request.HttpContext, access, clinicId, action, patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<ItemRequest>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, patientId, bad, ct);
        }

        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != "replaced")
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var item = plan?.Items.FirstOrDefault(i => i.Id == itemId);
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (item is null || intake is null)
        {
            return await RefuseAsync(access, patientId, Problems.NotFound("That plan item"), ct, AuditOutcome.DeniedNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff!.ClinicId, ct);
        var errors = new Dictionary<string, string[]>();
        var variant = clinicLibrary.FindVariant(body!.ExerciseId ?? item.ExerciseId);
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
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
        }

        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, patientId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan?.FallRisk == true);
        var reasons = constraints.Check(variant!);
        if (reasons.Count > 0)
        {
            return await RefuseAsync(access, patientId, UnsafeExercise(variant!, reasons), ct);
        }

        var dose = body.Dose is null
            ? TailoringRules.BasisFor(variant!, item)
            : TailoringRules.CheckDose(body.Dose, variant!, TailoringRules.BasisFor(variant!, item), errors);
        if (dose is null)
        {
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
        }

        var previous = new PrescriptionResponse(item.ExerciseId, PlanMapping.DoseOf(item));
        var pinned = body.Pinned ?? item.Pinned;
        var changedPrescription = previous.ExerciseId != variant!.Id || previous.Dose != dose;
        if (!changedPrescription && pinned == item.Pinned && !item.OnHold)
        {
            await db.SaveChangesAsync(ct); // the allowed audit entry: the item was opened, nothing changed
            return TypedResults.Ok(await ItemResponseAsync(db, clinicLibrary, item, ct));
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
        db.Decisions.Add(TailoringRules.Decision(item, ProgressionAction.Tailored, rules, explanation.ToString().Trim(), previous,
            staff.UserId, await EmailAsync(db, staff.UserId, ct), now));
        if (await SaveItemsAsync(db, access, staff, action, patientId, ct) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(await ItemResponseAsync(db, clinicLibrary, item, ct));
    }

    private static async Task<IResult> AddItemAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, AppDb db,
        ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        const string action = "add-plan-item";
        var (staff, problem) = await OpenAsync(request.HttpContext, access, clinicId, action, patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<ItemRequest>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, patientId, bad, ct);
        }

        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == patientId && p.Status != "replaced")
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        var intake = await IntakeStore.LatestAsync(db, patientId, ct);
        if (plan is null || intake is null)
        {
            return await RefuseAsync(access, patientId, Problems.NotFound("A plan"), ct, AuditOutcome.DeniedNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff!.ClinicId, ct);
        var errors = new Dictionary<string, string[]>();
        var variant = body!.ExerciseId is null ? null : clinicLibrary.FindVariant(body.ExerciseId);
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
        else if (plan.Items.Count >= SessionService.MaxExercises)
        {
            errors["exerciseId"] = [$"A plan can hold at most {SessionService.MaxExercises} exercises."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
        }

        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, patientId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, plan.FallRisk);
        var reasons = constraints.Check(variant!);
        if (reasons.Count > 0)
        {
            return await RefuseAsync(access, patientId, UnsafeExercise(variant!, reasons), ct);
        }

        var dose = body.Dose is null ? variant!.DefaultDose : TailoringRules.CheckDose(body.Dose, variant!, variant!.DefaultDose, errors);
        if (dose is null)
        {
            return await RefuseAsync(access, patientId, Problems.Invalid(errors), ct);
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

        db.Decisions.Add(TailoringRules.Decision(item, ProgressionAction.Tailored, pinned ? [TailoringRules.TailoredRule, "PL3"] : [TailoringRules.TailoredRule],
            $"Your therapist added {variant.Name} to your plan: {dose.Describe()}." + (pinned ? " They pinned it, so it will not change on its own." : ""),
            null, staff.UserId, await EmailAsync(db, staff.UserId, ct), now));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/clinics/{clinicId}/patients/{patientId}", await ItemResponseAsync(db, clinicLibrary, item, ct));
    }

    private static ProblemHttpResult UnsafeExercise(ExerciseVariant variant, IReadOnlyList<Reason> reasons)
    {
        var problem = TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "unsafe-exercise",
            title: "This exercise does not fit the person's precautions or needs",
            detail: $"{variant.Name} is not safe for them now: {TailoringRules.Describe(reasons)}. Choose another version.",
            extensions: new Dictionary<string, object?> { ["ruleIds"] = TailoringRules.RuleIds(reasons), ["field"] = "exerciseId" });
        return problem;
    }

    private static async Task<PlanItemResponse> ItemResponseAsync(AppDb db, ExerciseLibrary clinicLibrary, PlanItemRecord item, CancellationToken ct)
    {
        var history = await db.Decisions.AsNoTracking().Where(d => d.PlanItemId == item.Id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(PlanService.HistoryPerItem).ToListAsync(ct);
        return PlanMapping.ToResponse(item, clinicLibrary, history);
    }

    // ---- The clinic's own exercises ---------------------------------------------------------

    private static async Task<IResult> CreateExerciseAsync(Guid clinicId, HttpRequest request, ClinicAccess access, AppDb db,
        ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        const string action = "add-exercise";
        var (staff, problem) = await OpenAsync(request.HttpContext, access, clinicId, action, null, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<System.Text.Json.Nodes.JsonNode>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, null, bad, ct);
        }

        var json = body!.ToJsonString();
        var family = body is System.Text.Json.Nodes.JsonObject o && o["family"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        var errors = new Dictionary<string, string[]>();
        if (!System.Text.RegularExpressions.Regex.IsMatch(family, "^[a-z0-9]+(-[a-z0-9]+)*$") || family.Length > 60)
        {
            errors["family"] = ["Give the family an id of lower-case letters, digits and dashes (at most 60), e.g. \"wall-push\"."];
        }
        else if (library.FindFamily(family) is not null)
        {
            errors["family"] = [$"'{family}' is a family of the shared library. Choose another id."];
        }
        else
        {
            // The library's own loader, so a clinic's content meets exactly the library's rules.
            var loaded = LibraryLoader.Load([new ContentFile(family + ".json", json)]);
            foreach (var error in loaded.Errors)
            {
                // "file: field: message" → field → message
                var parts = error.Split(": ", 3);
                var field = parts.Length == 3 ? parts[1] : "body";
                var message = parts.Length == 3 ? parts[2] : error;
                errors[field] = errors.TryGetValue(field, out var had) ? [.. had, message] : [message];
            }

            if (loaded.Library is { } custom)
            {
                var variants = custom.Families[0].Variants;
                for (var i = 0; i < variants.Count; i++)
                {
                    if (library.FindVariant(variants[i].Id) is not null)
                    {
                        errors[$"variants[{i}].id"] = [$"'{variants[i].Id}' is an exercise of the shared library. Choose another id."];
                    }
                }
            }
        }

        if (errors.Count == 0 && await db.CustomExercises.AnyAsync(c => c.ClinicId == staff!.ClinicId && c.Family == family, ct))
        {
            errors["family"] = [$"Your clinic already has '{family}'."];
        }

        if (errors.Count > 0)
        {
            return await RefuseAsync(access, null, Problems.Invalid(errors), ct);
        }

        var record = new CustomExerciseRecord
        {
            Id = OrderedIds.Next(), ClinicId = staff!.ClinicId, Family = family, Json = json, CreatedBy = staff.UserId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CustomExercises.Add(record);
        await db.SaveChangesAsync(ct);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff.ClinicId, ct);
        return TypedResults.Created($"/api/v1/clinics/{clinicId}/exercises", ClinicLibrary.ToResponse(record, clinicLibrary));
    }

    private static async Task<IResult> ListExercisesAsync(Guid clinicId, HttpContext http, ClinicAccess access, AppDb db, ExerciseLibrary library,
        CancellationToken ct)
    {
        var (staff, problem) = await OpenAsync(http, access, clinicId, "list-exercises", null, ct);
        if (problem is not null)
        {
            return problem;
        }

        var records = await db.CustomExercises.AsNoTracking().Where(c => c.ClinicId == staff!.ClinicId).OrderBy(c => c.Family).ToListAsync(ct);
        var clinicLibrary = await ClinicLibrary.ForClinicAsync(db, library, staff!.ClinicId, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(records.Select(r => ClinicLibrary.ToResponse(r, clinicLibrary)).ToList());
    }
}
