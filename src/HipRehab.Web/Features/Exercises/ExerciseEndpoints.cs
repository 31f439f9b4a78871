using HipRehab.Core;
using HipRehab.Core.Library;

namespace HipRehab.Web.Features.Exercises;

/// <summary>An exercise variant as the public API shows it (docs/api.md).</summary>
public sealed record ExerciseResponse(
    string Id, string Family, string FamilyName, string Name, int Level, bool FromArticle, Category Category,
    Position Position, Laterality Laterality, bool Supported, IReadOnlyList<Equipment> Equipment, IReadOnlyList<Demand> Demands,
    IReadOnlyList<Goal> Goals, Dose DefaultDose, ProgressionLimits Progression, IReadOnlyList<string> Steps, IReadOnlyList<string> Cues,
    IReadOnlyList<string> Mistakes, IReadOnlyList<string> Cautions, IReadOnlyList<string> RuleIds, string? EasierId, string? HarderId)
{
    public static ExerciseResponse From(ExerciseLibrary library, ExerciseVariant v)
    {
        var ladder = library.FamilyOf(v).Variants;
        return new(v.Id, v.Family, v.FamilyName, v.Name, v.Level, v.FromArticle, v.Category, v.Position, v.Laterality, v.Supported,
            v.Equipment, v.Demands, v.Goals, v.DefaultDose, v.Progression, v.Steps, v.Cues, v.Mistakes, v.Cautions, v.RuleIds,
            ladder.LastOrDefault(x => x.Level < v.Level)?.Id, ladder.FirstOrDefault(x => x.Level > v.Level)?.Id);
    }
}

public static class ExerciseEndpoints
{
    public static IEndpointRouteBuilder MapExercises(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exercises").WithTags("Exercise library").AllowAnonymous();

        group.MapGet("/", (ExerciseLibrary library) =>
                TypedResults.Ok(library.Variants.Select(v => ExerciseResponse.From(library, v)).ToList()))
            .WithName("ListExercises")
            .WithSummary("Every exercise variant of the library, family by family, easiest first.");

        group.MapGet("/{id}", Results<Ok<ExerciseResponse>, ProblemHttpResult> (string id, ExerciseLibrary library) =>
                library.FindVariant(id) is { } v
                    ? TypedResults.Ok(ExerciseResponse.From(library, v))
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Exercise not found",
                        detail: $"There is no exercise with the id '{id}'."))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetExercise")
            .WithSummary("One exercise variant.");

        return app;
    }
}
