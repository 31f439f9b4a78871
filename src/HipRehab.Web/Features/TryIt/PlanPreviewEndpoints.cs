using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.TryIt;

/// <summary>A plan item of a preview.</summary>
public sealed record PreviewItemResponse(string Family, string FamilyName, string ExerciseId, string Name, Category Category, int Level,
    Dose Dose, IReadOnlyList<DayOfWeek> Days, IReadOnlyList<Reason> Why);

/// <summary>A previewed plan: nothing is stored.</summary>
public sealed record PlanPreviewPlan(IReadOnlyList<PreviewItemResponse> Items, IReadOnlyList<ExcludedFamily> Excluded, IReadOnlyList<Reason> Advice);

/// <summary>The answer of <c>POST /api/v1/plan-preview</c>.</summary>
public sealed record PlanPreviewResponse(ScreeningResponse Screening, PlanPreviewPlan? Plan)
{
    public static PlanPreviewResponse From(PlanPreview preview) => new(
        ScreeningResponse.From(preview.Screening),
        preview.Plan is { } p
            ? new PlanPreviewPlan(
                [.. p.Items.Select(i => new PreviewItemResponse(i.Family, i.FamilyName, i.ExerciseId, i.Name, i.Category, i.Level, i.Dose, i.Days, i.Why))],
                p.Excluded, p.Advice)
            : null);
}

public static class PlanPreviewEndpoints
{
    public static IEndpointRouteBuilder MapPlanPreview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/plan-preview", PreviewAsync)
            .WithTags("Plan preview")
            .AllowAnonymous()
            .AcceptsJson<IntakeForm>()
            .WithName("PreviewPlan")
            .WithSummary("What a person with these intake answers would get: screening, and a plan when screening allows one. Nothing is stored.");
        return app;
    }

    private static async Task<Results<Ok<PlanPreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewAsync(HttpRequest request, ExerciseLibrary library, TimeProvider clock, CancellationToken ct)
    {
        var (form, problem) = await JsonBody.ReadAsync<IntakeForm>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validated = IntakeValidator.Validate(form, today);
        if (!validated.IsValid)
        {
            return TypedResults.ValidationProblem(validated.Errors, title: "Some answers need another look",
                detail: $"Check: {string.Join(", ", validated.Errors.Keys)}.");
        }

        return TypedResults.Ok(PlanPreviewResponse.From(Planner.Preview(validated.Value!, library, today)));
    }
}
