using Microsoft.AspNetCore.Authorization;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static HipRehab.Web.Features.Intake.IntakeFormReading;
using HipRehab.Web.Features.Shared;
using HipRehab.Web.Features.Intake;

namespace HipRehab.Web.Features.TryIt;

/// <summary>
/// The intake as a plain form. GET shows it; POST checks the answers with the engine's own
/// validator and shows what a plan would look like. Nothing is stored.
/// </summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
public sealed partial class IndexModel(ExerciseLibrary library, TimeProvider clock) : PageModel
{
    /// <summary>The answers as typed (the same form fields as the intake page).</summary>
    [BindProperty] public IntakeAnswers Answers { get; set; } = new();

    public DateOnly Today { get; private set; }

    /// <summary>Problems with the answers, in the order the questions appear.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>The screening and plan, once the answers are valid.</summary>
    public PlanPreview? Preview { get; private set; }

    public ExerciseLibrary Library => library;

    public void OnGet() => Today = TodayFromClock();

    public IActionResult OnPost()
    {
        Today = TodayFromClock();
        var readErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = Answers.ToForm(readErrors);
        var validated = IntakeValidator.Validate(form, Today);
        Errors = CollectErrors(readErrors, validated.Errors, "intake-form");
        if (Errors.Count == 0 && validated.IsValid)
        {
            Preview = Planner.Preview(validated.Value!, library, Today);
        }

        return Page();
    }

    /// <summary>The message for a field, or null when the answer is fine.</summary>
    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;

    /// <summary>Levels in a family, for "Level 2 of 5".</summary>
    public int LevelsIn(string familyId) => library.FindFamily(familyId)?.Variants.Count ?? 0;

    private DateOnly TodayFromClock() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
