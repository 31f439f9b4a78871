using System.Globalization;
using HipRehab.Core.Assessment;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.TryIt;
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
    private const string NoSurgery = "none";

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

    // Answers are bound as text, so that anything typed is shown again exactly as it was.
    [BindProperty(Name = "birthYear")] public string? BirthYear { get; set; }
    [BindProperty(Name = "sex")] public string? Sex { get; set; }
    [BindProperty(Name = "heightCm")] public string? HeightCm { get; set; }
    [BindProperty(Name = "weightKg")] public string? WeightKg { get; set; }
    [BindProperty(Name = "painSide")] public string? PainSide { get; set; }
    [BindProperty(Name = "painLocation")] public string? PainLocation { get; set; }
    [BindProperty(Name = "cause")] public string? Cause { get; set; }
    [BindProperty(Name = "painNow")] public string? PainNow { get; set; }
    [BindProperty(Name = "painWorstLastWeek")] public string? PainWorstLastWeek { get; set; }
    [BindProperty(Name = "symptomWeeks")] public string? SymptomWeeks { get; set; }
    [BindProperty(Name = "surgeryKind")] public string? SurgeryKind { get; set; }
    [BindProperty(Name = "surgeryApproach")] public string? SurgeryApproach { get; set; }
    [BindProperty(Name = "surgeryDate")] public string? SurgeryDate { get; set; }
    [BindProperty(Name = "redFlags")] public List<string> RedFlags { get; set; } = [];
    [BindProperty(Name = "pregnant")] public string? Pregnant { get; set; }
    [BindProperty(Name = "osteoporosis")] public string? Osteoporosis { get; set; }
    [BindProperty(Name = "getDownToFloor")] public string? GetDownToFloor { get; set; }
    [BindProperty(Name = "kneel")] public string? Kneel { get; set; }
    [BindProperty(Name = "standWithoutSupport")] public string? StandWithoutSupport { get; set; }
    [BindProperty(Name = "equipment")] public List<string> Equipment { get; set; } = [];
    [BindProperty(Name = "goals")] public List<string> Goals { get; set; } = [];

    public WizardStep Current => Steps[Math.Clamp(Step, 1, StepCount) - 1];

    /// <summary>Problems with this screen's answers, in question order.</summary>
    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>True on the first screen when the answers were filled in from an earlier intake.</summary>
    public bool Prefilled { get; private set; }

    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;

    public bool IsMale => Sex == "male";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Step = 1;
        if (await IntakeStore.LatestAsync(db, User.UserId(), ct) is { } latest)
        {
            Fill(StoredJson.Read<IntakeForm>(latest.FormJson));
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
        var form = BuildForm(readErrors);
        record = IntakeStore.Validate(form, clock, out var validatorErrors);
        var errors = CollectErrors(readErrors, validatorErrors ?? new Dictionary<string, string[]>(), "intake-wizard");
        if (errors.Count > 0)
        {
            record = null;
        }

        return errors;
    }

    /// <summary>Every answer by its form name, for the hidden fields of the other screens.</summary>
    public IEnumerable<(string Name, string Value)> CarriedValues()
    {
        var onScreen = Current.Fields;
        IEnumerable<(string, string?)> all =
        [
            ("birthYear", BirthYear), ("sex", Sex), ("heightCm", HeightCm), ("weightKg", WeightKg),
            ("painSide", PainSide), ("painLocation", PainLocation), ("cause", Cause), ("painNow", PainNow),
            ("painWorstLastWeek", PainWorstLastWeek), ("symptomWeeks", SymptomWeeks),
            ("surgeryKind", SurgeryKind), ("surgeryApproach", SurgeryApproach), ("surgeryDate", SurgeryDate),
            .. RedFlags.Select(v => ("redFlags", (string?)v)),
            ("pregnant", Pregnant), ("osteoporosis", Osteoporosis),
            ("getDownToFloor", GetDownToFloor), ("kneel", Kneel), ("standWithoutSupport", StandWithoutSupport),
            .. Equipment.Select(v => ("equipment", (string?)v)),
            .. Goals.Select(v => ("goals", (string?)v)),
        ];
        return all.Where(p => !string.IsNullOrEmpty(p.Item2) && !onScreen.Contains(p.Item1)).Select(p => (p.Item1, p.Item2!));
    }

    /// <summary>The answers of one screen in words, for the review screen.</summary>
    public IReadOnlyList<(string Question, string Answer)> Summary(WizardStep step) => step.Slug switch
    {
        "about-you" =>
        [
            ("Year of birth", Text(BirthYear)),
            ("Sex", Label(IndexModel.SexChoices, Sex)),
            ("Height", Text(HeightCm, " cm")),
            ("Weight", Text(WeightKg, " kg")),
        ],
        "your-pain" =>
        [
            ("Which hip hurts", Label(IndexModel.PainSideChoices, PainSide)),
            ("Where it hurts most", Label(IndexModel.PainLocationChoices, PainLocation)),
            ("What started it", Label(IndexModel.CauseChoices, Cause)),
            ("Pain right now", Text(PainNow, " out of 10")),
            ("Worst pain last week", Text(PainWorstLastWeek, " out of 10")),
            ("Weeks with this pain", Text(SymptomWeeks)),
        ],
        "warning-signs" => [("Warning signs", Labels(IndexModel.RedFlagChoices, RedFlags, "None"))],
        "surgery" => string.IsNullOrEmpty(SurgeryKind) || SurgeryKind == NoSurgery
            ? [("Hip surgery", "No")]
            :
            [
                ("Hip surgery", Label(IndexModel.SurgeryKindChoices, SurgeryKind)),
                ("How the surgeon reached the hip", Label(IndexModel.SurgeryApproachChoices, SurgeryApproach)),
                ("Date of the operation", Text(SurgeryDate)),
            ],
        "health" => IsMale
            ? [("Osteoporosis", Label(PlainWords.YesNo, Osteoporosis, "No"))]
            : [("Pregnant", Label(PlainWords.YesNo, Pregnant)), ("Osteoporosis", Label(PlainWords.YesNo, Osteoporosis, "No"))],
        "abilities" =>
        [
            ("Get down to the floor and up", Label(PlainWords.YesNo, GetDownToFloor)),
            ("Kneel", Label(PlainWords.YesNo, Kneel)),
            ("Stand for a minute without holding on", Label(PlainWords.YesNo, StandWithoutSupport)),
        ],
        "equipment" => [("What you have", Labels(IndexModel.EquipmentChoices, Equipment, "Nothing listed"))],
        "goals" => [("Your goals", Labels(IndexModel.GoalChoices, Goals, "None chosen"))],
        _ => [],
    };

    private static string Text(string? value, string suffix = "") => string.IsNullOrWhiteSpace(value) ? "Not answered" : value.Trim() + suffix;

    private static string Label(IReadOnlyList<Choice> choices, string? value, string empty = "Not answered") =>
        string.IsNullOrEmpty(value) ? empty : choices.FirstOrDefault(c => c.Value == value)?.Label ?? value;

    private static string Labels(IReadOnlyList<Choice> choices, List<string> values, string empty) =>
        values.Count == 0 ? empty : string.Join("; ", values.Select(v => Label(choices, v)));

    private void Fill(IntakeForm form)
    {
        static string? Num(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
        static string? Int(int? i) => i?.ToString(CultureInfo.InvariantCulture);
        static string? YesNo(bool? b) => b switch { true => "yes", false => "no", null => null };
        BirthYear = Int(form.BirthYear);
        Sex = form.Sex;
        HeightCm = Num(form.HeightCm);
        WeightKg = Num(form.WeightKg);
        PainSide = form.PainSide;
        PainLocation = form.PainLocation;
        Cause = form.Cause;
        PainNow = Int(form.PainNow);
        PainWorstLastWeek = Int(form.PainWorstLastWeek);
        SymptomWeeks = Int(form.SymptomWeeks);
        SurgeryKind = form.Surgery?.Kind ?? NoSurgery;
        SurgeryApproach = form.Surgery?.Approach;
        SurgeryDate = form.Surgery?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // Warning signs are about now: they are asked fresh every time.
        RedFlags = [];
        Pregnant = YesNo(form.Pregnant);
        Osteoporosis = YesNo(form.Osteoporosis);
        GetDownToFloor = YesNo(form.Abilities?.GetDownToFloor);
        Kneel = YesNo(form.Abilities?.Kneel);
        StandWithoutSupport = YesNo(form.Abilities?.StandWithoutSupport);
        Equipment = [.. form.Equipment ?? []];
        Goals = [.. form.Goals ?? []];
    }

    private IntakeForm BuildForm(Dictionary<string, string> errors) => new()
    {
        BirthYear = ReadInt(BirthYear, "birthYear", "Enter your year of birth as 4 numbers, like 1958.", errors),
        Sex = Blank(Sex),
        HeightCm = ReadDecimal(HeightCm, "heightCm", "Enter your height in centimetres as a number, like 165.", errors),
        WeightKg = ReadDecimal(WeightKg, "weightKg", "Enter your weight in kilograms as a number, like 80.", errors),
        PainSide = Blank(PainSide),
        PainLocation = Blank(PainLocation),
        Cause = Blank(Cause),
        PainNow = ReadInt(PainNow, "painNow", "Choose a number from 0 to 10.", errors),
        PainWorstLastWeek = ReadInt(PainWorstLastWeek, "painWorstLastWeek", "Choose a number from 0 to 10.", errors),
        SymptomWeeks = ReadInt(SymptomWeeks, "symptomWeeks", "Enter the number of weeks as a whole number, like 26.", errors),
        Surgery = Blank(SurgeryKind) is { } kind && kind != NoSurgery
            ? new SurgeryForm { Kind = kind, Approach = Blank(SurgeryApproach), Date = ReadDate(SurgeryDate, "surgery.date", errors) }
            : null,
        RedFlags = Present(RedFlags),
        // A man is not asked about pregnancy, and the engine does not need the answer (CX6).
        Pregnant = IsMale ? null : ReadYesNo(Pregnant, "pregnant", errors),
        Osteoporosis = ReadYesNo(Osteoporosis, "osteoporosis", errors),
        Abilities = new AbilitiesForm
        {
            GetDownToFloor = ReadYesNo(GetDownToFloor, "abilities.getDownToFloor", errors),
            Kneel = ReadYesNo(Kneel, "abilities.kneel", errors),
            StandWithoutSupport = ReadYesNo(StandWithoutSupport, "abilities.standWithoutSupport", errors),
        },
        Equipment = Present(Equipment),
        Goals = Present(Goals),
    };
}
