using HipRehab.Web.Features.Alerts;
using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.Plans;

/// <summary>
/// The screening of the latest intake. Urgent care comes first and cannot be missed; blocked
/// outcomes are explained without a plan button; clear and advice lead to "Make my plan".
/// </summary>
[AuthorizePerson]
public sealed class ScreeningModel(AppDb db, PlanService plans) : PageModel
{
    public ScreeningResult? Screening { get; private set; }

    public DateTime? AnsweredAt { get; private set; }

    /// <summary>Findings a linked clinician reviewed and cleared, with who cleared them.</summary>
    public IReadOnlyList<ClearanceResponse> Clearances { get; private set; } = [];

    /// <summary>True when a plan may be made: screening allows it, counting the clearances (docs/clinical-rules.md §1).</summary>
    public bool AllowsPlan { get; private set; }

    /// <summary>True when the current plan was made from this intake, so "See my plan" replaces "Make my plan".</summary>
    public bool HasPlanFromThisIntake { get; private set; }

    /// <summary>Set when making a plan was refused (the page's equivalent of the API's 409).</summary>
    public string? Blocked { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct)
    {
        var result = await plans.CreateAsync(User.UserId(), ct);
        switch (result.Outcome)
        {
            case PlanService.CreateOutcome.Created:
                return Redirect("/me/plan");
            case PlanService.CreateOutcome.NoIntake:
                return Redirect("/me/intake");
            default:
                await LoadAsync(ct);
                Blocked = result.Plan is { Status: PlanStatus.Paused } paused
                    // A plan paused by a warning sign at a check-in goes on as E1R says, not because the questions were answered again.
                    ? $"Your plan is paused because of a warning sign at a check-in. {PlanPause.NextStep(PlanPause.Findings(paused))}"
                    : "We cannot make a plan yet, because of your answers to the safety questions. Please follow the advice on this page first.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var latest = await IntakeStore.LatestAsync(db, userId, ct);
        if (latest is null)
        {
            return;
        }

        Screening = IntakeStore.Screening(latest);
        AnsweredAt = latest.CreatedAt;
        Clearances = await IntakeClearances.ClearancesAsync(db, userId, latest.Id, ct);
        AllowsPlan = Screening.OutcomeAfter(Clearances.Select(c => c.RuleId).ToHashSet())
            is Core.Assessment.ScreeningOutcome.Clear or Core.Assessment.ScreeningOutcome.Advice;
        HasPlanFromThisIntake = await plans.CurrentAsync(userId, ct) is { } plan && plan.IntakeId == latest.Id;
    }
}
