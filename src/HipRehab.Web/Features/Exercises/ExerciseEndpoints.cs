using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Core.Movement;

namespace HipRehab.Web.Features.Exercises;

/// <summary>An exercise variant as the public API shows it (docs/api.md).</summary>
public sealed record ExerciseResponse(
    string Id, string Family, string FamilyName, string Name, int Level, bool FromArticle, Category Category,
    Position Position, Laterality Laterality, bool Supported, IReadOnlyList<Equipment> Equipment, IReadOnlyList<Demand> Demands,
    IReadOnlyList<Goal> Goals, Dose DefaultDose, ProgressionLimits Progression, IReadOnlyList<string> Steps, IReadOnlyList<string> Cues,
    IReadOnlyList<string> Mistakes, IReadOnlyList<string> Cautions, IReadOnlyList<string> RuleIds, string? EasierId, string? HarderId,
    string? Demonstration, MovementResponse? Movement)
{
    /// <summary>The variant; its drawing's URL is content-hashed, so it can be cached for good.</summary>
    public static ExerciseResponse From(ExerciseLibrary library, ExerciseVariant v)
    {
        var ladder = library.FamilyOf(v).Variants;
        return new(v.Id, v.Family, v.FamilyName, v.Name, v.Level, v.FromArticle, v.Category, v.Position, v.Laterality, v.Supported,
            v.Equipment, v.Demands, v.Goals, v.DefaultDose, v.Progression, v.Steps, v.Cues, v.Mistakes, v.Cautions, v.RuleIds,
            ladder.LastOrDefault(x => x.Level < v.Level)?.Id, ladder.FirstOrDefault(x => x.Level > v.Level)?.Id,
            library.FindVariant(v.Id) == v ? Demonstrations.UrlOf(v) : null, v.Movement is { } m ? MovementResponse.From(m) : null);
    }
}

/// <summary>A variant's movement as data, for a client that draws it itself (content/README.md, "movement").</summary>
/// <param name="View">The view that shows the movement.</param>
/// <param name="Props">What the figure uses.</param>
/// <param name="Phases">One repetition: its key poses in order, each complete (nothing inherited).</param>
public sealed record MovementResponse(View View, IReadOnlyList<Prop> Props, IReadOnlyList<MovementPhaseResponse> Phases)
{
    public static MovementResponse From(MovementData m) =>
        new(m.View, m.Props, [.. m.Phases.Select(p => new MovementPhaseResponse(p.Kind, p.Seconds, p.HoldFromDose,
            new PoseResponse(p.Pose.Support, p.Pose.Trunk, p.Pose.Working, p.Pose.Other)))]);
}

/// <summary>A key pose and the seconds taken to reach it (for a hold: the seconds held, unless the dose's hold applies).</summary>
/// <param name="Phase">Which part of the repetition.</param>
/// <param name="Seconds">How long it takes.</param>
/// <param name="HoldFromDose">True when the hold lasts the dose's holdSeconds instead.</param>
/// <param name="Pose">The body at the end of the phase.</param>
public sealed record MovementPhaseResponse(PhaseKind Phase, double Seconds, bool HoldFromDose, PoseResponse Pose);

/// <summary>The body in degrees: the trunk in space, each leg and arm at its joints.</summary>
/// <param name="Support">What bears the weight.</param>
/// <param name="Trunk">Pitch, roll, spine side bend and neck bend.</param>
/// <param name="Working">The working side's joints.</param>
/// <param name="Other">The other side's joints.</param>
public sealed record PoseResponse(Support Support, TrunkPose Trunk, LimbPose Working, LimbPose Other);

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

        group.MapGet("/{id}/demonstration.svg", Demonstrations.Get)
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetExerciseDemonstration")
            .WithSummary("The exercise drawn: one repetition looping in real time with its hold (the key poses side by side under reduced motion). ?side=left|right (default right); ?still=true for the key poses alone; ?thumbnail=true for one small pose.");

        return app;
    }
}
