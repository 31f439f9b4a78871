using System.Text.Json;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Tailoring;

/// <summary>
/// What a clinician changes in a linked person's care (issue 4 item 3): clearance of
/// see-clinician-soon findings, the surgeon's precautions, plan tailoring, and the clinic's own
/// exercises. Every handler opens the data through <see cref="ClinicAccess"/> (staff → second
/// factor → link), leaves exactly one audit entry, and saves its changes with that entry.
/// </summary>
public static class TailoringEndpoints
{
    public static IEndpointRouteBuilder MapTailoring(this IEndpointRouteBuilder app)
    {
        var clinic = app.MapGroup("/api/v1/clinics/{clinicId:guid}").WithTags("Clinic tailoring").RequireAuthorization(ApiPolicies.StaffApi);

        clinic.MapPost("/patients/{patientId}/clearances", ClearAsync)
            .AcceptsJson<ClearanceRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Clear see-clinician-soon findings of the person's latest screening after reviewing them (clinical-rules §1). Urgent-care findings cannot be cleared.");

        clinic.MapPut("/patients/{patientId}/precautions", PrecautionsAsync)
            .AcceptsJson<PrecautionsRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Record the surgeon's precautions (clinical-rules §2.1). New plans and progression obey them at once; current items that break them move to an easier allowed version or go on hold.");

        clinic.MapPut("/patients/{patientId}/plan/items/{itemId:guid}", UpdateItemAsync)
            .AcceptsJson<ItemRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Tailor a plan item: another version of its family, a dose within the library's limits, pin or unpin. Recorded in the item's history.");

        clinic.MapPost("/patients/{patientId}/plan/items", AddItemAsync)
            .AcceptsJson<ItemRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Add another exercise family to the person's plan, from the library or the clinic's own exercises.");

        clinic.MapPost("/exercises", CreateExerciseAsync)
            .AcceptsJson<JsonElement>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a clinic's own exercise family, in the library's file format and checked exactly as the library is.");

        clinic.MapGet("/exercises", ListExercisesAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The clinic's own exercise families.");

        return app;
    }

    private static async Task<TProblem> RefuseAsync<TProblem>(ClinicAccess access, string? patientId, TProblem problem, CancellationToken ct)
    {
        // Nothing was written: the attempt is still on record, as refused.
        await access.RefuseAfterOpeningAsync(AuditOutcome.DeniedInvalidInput, patientId, ct);
        return problem;
    }

    /// <summary>Opens the person's data (staff → second factor → link), reads the JSON body, and runs <paramref name="change"/>.</summary>
    private static async Task<Results<TAnswer, ValidationProblem, ProblemHttpResult>> TailorAsync<TBody, TResult, TAnswer>(HttpRequest request, ClinicAccess access, Guid clinicId, string patientId, string action,
        Func<StaffMember, TBody, Task<TailoringResult<TResult>>> change, Func<TResult, TAnswer> answer, CancellationToken ct)
        where TBody : class
        where TResult : class
        where TAnswer : IResult
    {
        var (staff, problem) = await access.OpenAsync(request.HttpContext.User, clinicId, action, patientId, ct);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bad) = await JsonBody.ReadAsync<TBody>(request, ct);
        if (bad is not null)
        {
            return await RefuseAsync(access, patientId, bad, ct);
        }

        var result = await change(staff!, body!);
        return result.Refusal switch
        {
            null => answer(result.Value!),
            { IsInvalidInput: true } invalid => invalid.ToValidationProblem(),
            { } refusal => refusal.ToProblem(),
        };
    }

    private static Task<Results<Created<ClearanceResult>, ValidationProblem, ProblemHttpResult>> ClearAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, TailoringService tailoring, CancellationToken ct) =>
        TailorAsync<ClearanceRequest, ClearanceResult, Created<ClearanceResult>>(request, access, clinicId, patientId, "clear-findings",
            (staff, body) => tailoring.ClearAsync(staff, patientId, body, ct),
            result => TypedResults.Created($"/api/v1/clinics/{clinicId}/patients/{patientId}", result), ct);

    private static Task<Results<Ok<PrecautionsResult>, ValidationProblem, ProblemHttpResult>> PrecautionsAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, TailoringService tailoring, CancellationToken ct) =>
        TailorAsync<PrecautionsRequest, PrecautionsResult, Ok<PrecautionsResult>>(request, access, clinicId, patientId, "set-precautions",
            (staff, body) => tailoring.SetPrecautionsAsync(staff, patientId, body, ct), TypedResults.Ok, ct);

    private static Task<Results<Ok<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> UpdateItemAsync(Guid clinicId, string patientId, Guid itemId, HttpRequest request, ClinicAccess access, TailoringService tailoring,
        CancellationToken ct) =>
        TailorAsync<ItemRequest, PlanItemResponse, Ok<PlanItemResponse>>(request, access, clinicId, patientId, "tailor-item",
            (staff, body) => tailoring.UpdateItemAsync(staff, patientId, itemId, body, ct), TypedResults.Ok, ct);

    private static Task<Results<Created<PlanItemResponse>, ValidationProblem, ProblemHttpResult>> AddItemAsync(Guid clinicId, string patientId, HttpRequest request, ClinicAccess access, TailoringService tailoring, CancellationToken ct) =>
        TailorAsync<ItemRequest, PlanItemResponse, Created<PlanItemResponse>>(request, access, clinicId, patientId, "add-plan-item",
            (staff, body) => tailoring.AddItemAsync(staff, patientId, body, ct),
            item => TypedResults.Created($"/api/v1/clinics/{clinicId}/patients/{patientId}", item), ct);

    // ---- The clinic's own exercises ---------------------------------------------------------

    private static async Task<Results<Created<CustomExerciseResponse>, ValidationProblem, ProblemHttpResult>> CreateExerciseAsync(Guid clinicId, HttpRequest request, ClinicAccess access, AppDb db,
        ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        const string action = "add-exercise";
        var (staff, problem) = await access.OpenAsync(request.HttpContext.User, clinicId, action, null, ct);
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

    private static async Task<Results<Ok<List<CustomExerciseResponse>>, ProblemHttpResult>> ListExercisesAsync(Guid clinicId, HttpContext http, ClinicAccess access, AppDb db, ExerciseLibrary library,
        CancellationToken ct)
    {
        var (staff, problem) = await access.OpenAsync(http.User, clinicId, "list-exercises", null, ct);
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
