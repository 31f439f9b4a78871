using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static HipRehab.Web.Features.Intake.IntakeFormReading;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Intake;

/// <summary>One screen of the intake wizard: its topic and the answers it asks for.</summary>
/// <param name="Number">1-based position.</param>
/// <param name="Slug">A stable name for tests and styles.</param>
/// <param name="Title">The screen's heading.</param>
/// <param name="Keys">The validator's field paths this screen answers (errors map back by these).</param>
/// <param name="Fields">The form field names on this screen.</param>
public sealed record WizardStep(int Number, string Slug, string Title, IReadOnlyList<string> Keys, IReadOnlyList<string> Fields);

/// <summary>
/// The intake as a wizard: one topic per screen, no JavaScript. Every answer travels in the form
/// (hidden fields for the other screens), so Back and Next never lose anything and nothing is
/// stored until the person saves on the last screen. Validation is the engine's own
/// (<see cref="IntakeStore.Validate"/>); each error is shown on the screen that asks the question.
/// </summary>
[AuthorizePerson]
public sealed partial class IntakeModel(AppDb db, IntakeService intakes, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<WizardStep> Steps { get; } =
    [
        new(1, "about-you", "About you", ["birthYear", "sex", "heightCm", "weightKg"], ["birthYear", "sex", "heightCm", "weightKg"]),
        new(2, "your-pain", "Your pain", ["painSide", "painLocation", "cause", "painNow", "painWorstLastWeek", "symptomWeeks"],
            ["painSide", "painLocation", "cause", "painNow", "painWorstLastWeek", "symptomWeeks"]),
        new(3, "warning-signs", "Warning signs", ["redFlags"], ["redFlags"]),
        new(4, "surgery", "Hip surgery", ["surgery.kind", "surgery.approach", "surgery.date"], ["surgeryKind", "surgeryApproach", "surgeryDate"]),
        new(5, "health", "Your health", ["pregnant", "osteoporosis"], ["pregnant", "osteoporosis"]),
        new(6, "abilities", "What you can do", ["abilities.getDownToFloor", "abilities.kneel", "abilities.standWithoutSupport"],
            ["getDownToFloor", "kneel", "standWithoutSupport"]),
        new(7, "equipment", "What you have at home", ["equipment"], ["equipment"]),
        new(8, "goals", "Your goals", ["goals"], ["goals"]),
        new(9, "review", "Check your answers", [], []),
    ];

    public static int StepCount => Steps.Count;

    [BindProperty(Name = "step")] public int Step { get; set; } = 1;
    [BindProperty(Name = "nav")] public string? Nav { get; set; }
    [BindProperty(Name = "goTo")] public int? GoTo { get; set; }

    /// <summary>The answers as typed, carried from screen to screen.</summary>
    [BindProperty] public IntakeAnswers Answers { get; set; } = new();

    public WizardStep Current => Steps[Math.Clamp(Step, 1, StepCount) - 1];

    /// <summary>Problems with this screen's answers, in question order.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>True on the first screen when the answers were filled in from an earlier intake.</summary>
    public bool Prefilled { get; private set; }

    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Step = 1;
        if (await IntakeStore.LatestAsync(db, User.UserId(), ct) is { } latest)
        {
            Answers.Fill(StoredJson.Read<IntakeForm>(latest.FormJson));
            Prefilled = true;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Step = Math.Clamp(Step, 1, StepCount);
        ModelState.Clear(); // every answer is re-read below; binding problems are reported per question

        if (GoTo is int target)
        {
            Step = Math.Clamp(target, 1, StepCount);
            return Page();
        }

        switch (Nav)
        {
            case "back":
                Step = Math.Max(1, Step - 1);
                return Page();
            case "save":
                return await SaveAsync(ct);
            default:
                var errors = Check(out _);
                Errors = [.. errors.Where(e => Current.Keys.Contains(e.Key))];
                if (Errors.Count == 0)
                {
                    Step = Math.Min(StepCount, Step + 1);
                }

                return Page();
        }
    }

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        var errors = Check(out var record);
        if (record is null)
        {
            // Show the first screen with a problem, with its questions marked.
            var first = Steps.FirstOrDefault(s => errors.Any(e => s.Keys.Contains(e.Key))) ?? Steps[^1];
            Step = first.Number;
            Errors = first.Keys.Count == 0 ? errors : [.. errors.Where(e => first.Keys.Contains(e.Key))];
            return Page();
        }

        record.UserId = User.UserId();
        await intakes.SaveAsync(record, ct);
        return Redirect("/me/screening");
    }

    /// <summary>Reads and validates every answer; the record is the unsaved, screened intake when all is well.</summary>
    private List<FieldError> Check(out IntakeRecord? record)
    {
        var readErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = Answers.ToForm(readErrors);
        record = IntakeStore.Validate(form, clock, out var validatorErrors);
        var errors = CollectErrors(readErrors, validatorErrors ?? new Dictionary<string, string[]>(), "intake-wizard");
        if (errors.Count > 0)
        {
            record = null;
        }

        return errors;
    }

    /// <summary>Every answer by its form name, for the hidden fields of the other screens.</summary>
    public IEnumerable<(string Name, string Value)> CarriedValues() =>
        Answers.ByFormName().Where(p => !string.IsNullOrEmpty(p.Value) && !Current.Fields.Contains(p.Name)).Select(p => (p.Name, p.Value!));

    /// <summary>The answers of one screen in words, for the review screen.</summary>
    public IReadOnlyList<(string Question, string Answer)> Summary(WizardStep step) => step.Slug switch
    {
        "about-you" =>
        [
            ("Year of birth", Text(Answers.BirthYear)),
            ("Sex", Label(IntakeQuestions.SexChoices, Answers.Sex)),
            ("Height", Text(Answers.HeightCm, " cm")),
            ("Weight", Text(Answers.WeightKg, " kg")),
        ],
        "your-pain" =>
        [
            ("Which hip hurts", Label(IntakeQuestions.PainSideChoices, Answers.PainSide)),
            ("Where it hurts most", Label(IntakeQuestions.PainLocationChoices, Answers.PainLocation)),
            ("What started it", Label(IntakeQuestions.CauseChoices, Answers.Cause)),
            ("Pain right now", Text(Answers.PainNow, " out of 10")),
            ("Worst pain last week", Text(Answers.PainWorstLastWeek, " out of 10")),
            ("Weeks with this pain", Text(Answers.SymptomWeeks)),
        ],
        "warning-signs" => [("Warning signs", Labels(IntakeQuestions.RedFlagChoices, Answers.RedFlags, "None"))],
        "surgery" => string.IsNullOrEmpty(Answers.SurgeryKind) || Answers.SurgeryKind == IntakeQuestions.NoSurgery
            ? [("Hip surgery", "No")]
            :
            [
                ("Hip surgery", Label(IntakeQuestions.SurgeryKindChoices, Answers.SurgeryKind)),
                ("How the surgeon reached the hip", Label(IntakeQuestions.SurgeryApproachChoices, Answers.SurgeryApproach)),
                ("Date of the operation", Text(Answers.SurgeryDate)),
            ],
        "health" => Answers.IsMale
            ? [("Osteoporosis", Label(PlainWords.YesNo, Answers.Osteoporosis, "No"))]
            : [("Pregnant", Label(PlainWords.YesNo, Answers.Pregnant)), ("Osteoporosis", Label(PlainWords.YesNo, Answers.Osteoporosis, "No"))],
        "abilities" =>
        [
            ("Get down to the floor and up", Label(PlainWords.YesNo, Answers.GetDownToFloor)),
            ("Kneel", Label(PlainWords.YesNo, Answers.Kneel)),
            ("Stand for a minute without holding on", Label(PlainWords.YesNo, Answers.StandWithoutSupport)),
        ],
        "equipment" => [("What you have", Labels(IntakeQuestions.EquipmentChoices, Answers.Equipment, "Nothing listed"))],
        "goals" => [("Your goals", Labels(IntakeQuestions.GoalChoices, Answers.Goals, "None chosen"))],
        _ => [],
    };

    private static string Text(string? value, string suffix = "") => string.IsNullOrWhiteSpace(value) ? "Not answered" : value.Trim() + suffix;

    private static string Label(IReadOnlyList<Choice> choices, string? value, string empty = "Not answered") =>
        string.IsNullOrEmpty(value) ? empty : choices.FirstOrDefault(c => c.Value == value)?.Label ?? value;

    private static string Labels(IReadOnlyList<Choice> choices, List<string> values, string empty) =>
        values.Count == 0 ? empty : string.Join("; ", values.Select(v => Label(choices, v)));
}
