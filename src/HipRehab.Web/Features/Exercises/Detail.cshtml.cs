using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using HipRehab.Core.Library;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Exercises;

/// <summary>One exercise variant: how to do it, how much, when to stop, and the rules behind it.</summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
public sealed class DetailModel(ExerciseLibrary library) : PageModel
{
    public string RequestedId { get; private set; } = "";

    /// <summary>The variant, or null when the id is unknown (the page then answers 404).</summary>
    public ExerciseVariant? Exercise { get; private set; }

    public ExerciseFamily? Family { get; private set; }

    public ExerciseVariant? Easier { get; private set; }

    public ExerciseVariant? Harder { get; private set; }

    /// <summary>Which leg the drawings show working (?side=left for the left).</summary>
    public DrawnSide Side { get; private set; }

    /// <summary>The moving drawing, inline so it needs no extra request (null for a variant without movement).</summary>
    public string? Moving { get; private set; }

    /// <summary>The key poses side by side.</summary>
    public string? Still { get; private set; }

    public IActionResult OnGet(string id, string? side)
    {
        RequestedId = id;
        Exercise = library.FindVariant(id);
        if (Exercise is null)
        {
            // A friendly page with a 404 status, so people get a way back and clients get the status.
            return new PageResult { StatusCode = StatusCodes.Status404NotFound };
        }

        Family = library.FamilyOf(Exercise);
        Easier = Family.Variants.LastOrDefault(v => v.Level < Exercise.Level);
        Harder = Family.Variants.FirstOrDefault(v => v.Level > Exercise.Level);
        Side = side == "left" ? DrawnSide.Left : DrawnSide.Right;
        if (BareRoutes.WithoutDrawings(HttpContext))
        {
            return Page();
        }

        Moving = Demonstrations.Inline(Exercise, Exercise.DefaultDose.HoldSeconds, Side, DrawingMode.Animated, "demo-moving");
        Still = Demonstrations.Inline(Exercise, Exercise.DefaultDose.HoldSeconds, Side, DrawingMode.Still, "demo-still");
        return Page();
    }
}
