using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using HipRehab.Core;
using HipRehab.Core.Library;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Exercises;

/// <summary>Browse the exercise library by category and goal with a plain GET form.</summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
public sealed class IndexModel(ExerciseLibrary library) : PageModel
{
    /// <summary>The chosen category's public name, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "category")]
    public string? CategoryName { get; set; }

    /// <summary>The chosen goal's public name, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "goal")]
    public string? GoalName { get; set; }

    public Category? SelectedCategory { get; private set; }

    public Goal? SelectedGoal { get; private set; }

    /// <summary>Families that match, each with the variants that match, easiest first.</summary>
    public IReadOnlyList<(ExerciseFamily Family, IReadOnlyList<ExerciseVariant> Variants)> Families { get; private set; } = [];

    public int VariantCount => Families.Sum(f => f.Variants.Count);

    /// <summary>The still thumbnail's URL for a variant (null without a drawing, or in the benchmark's twin without drawings).</summary>
    public string? ThumbnailOf(ExerciseVariant variant) =>
        BareRoutes.WithoutDrawings(HttpContext) ? null : Demonstrations.UrlOf(variant, DrawnSide.Right, DrawingMode.Thumbnail);

    public void OnGet()
    {
        // Unknown values (an old bookmark, a typo in the address) simply show everything.
        SelectedCategory = Vocab<Category>.TryParse(CategoryName, out var c) ? c : null;
        SelectedGoal = Vocab<Goal>.TryParse(GoalName, out var g) ? g : null;

        Families = [.. library.Families
            .Where(f => SelectedCategory is null || f.Category == SelectedCategory)
            .Select(f => (f, (IReadOnlyList<ExerciseVariant>)[.. f.Variants.Where(v => SelectedGoal is null || v.Goals.Contains(SelectedGoal.Value))]))
            .Where(x => x.Item2.Count > 0)];
    }
}
