using HipRehab.Core.Library;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Plans;

/// <summary>The person's plan: each exercise with its dose, days, reasons and recent changes; what was left out; advice.</summary>
[AuthorizePerson]
public sealed class PlanModel(PlanService plans, ExerciseLibrary library) : PageModel
{
    public PlanResponse? Plan { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await plans.CurrentAsync(User.UserId(), ct) is { } plan)
        {
            Plan = await plans.ToResponseAsync(plan, ct);
        }
    }

    public string NameOf(string exerciseId) => library.FindVariant(exerciseId)?.Name ?? exerciseId;

    public int LevelsIn(string familyId) => library.FindFamily(familyId)?.Variants.Count ?? 0;
}
