using Microsoft.AspNetCore.Authorization;
using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static HipRehab.Web.Features.Intake.IntakeFormReading;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.TryIt;

/// <summary>
/// The intake as a plain form. GET shows it; POST checks the answers with the engine's own
/// validator and shows what a plan would look like. Nothing is stored.
/// </summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/EndpointPolicyTests.cs.
public sealed partial class IndexModel(ExerciseLibrary library, TimeProvider clock) : PageModel
{
    private const string Yes = "yes";
    private const string No = "no";
    private const string NoSurgery = "none";

    // Answers are bound as text so that anything typed can be shown again exactly as it was.
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
        var form = BuildForm(readErrors);
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
        Pregnant = ReadYesNo(Pregnant, "pregnant", errors),
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

    /// <summary>The questions in page order: the key the validator uses, the input to link to, and a short name.</summary>
    public static IReadOnlyList<(string Key, string Anchor, string Question)> Questions { get; } =
    [
        ("birthYear", "birthYear", "Year of birth"),
        ("sex", "sex-" + Vocab<Core.Sex>.Names[0], "Sex"),
        ("heightCm", "heightCm", "Height"),
        ("weightKg", "weightKg", "Weight"),
        ("painSide", "painSide-" + Vocab<Core.PainSide>.Names[0], "Which hip hurts"),
        ("painLocation", "painLocation-" + Vocab<Core.PainLocation>.Names[0], "Where it hurts"),
        ("cause", "cause-" + Vocab<Core.Cause>.Names[0], "What started the pain"),
        ("painNow", "painNow-0", "Pain right now"),
        ("painWorstLastWeek", "painWorstLastWeek-0", "Worst pain last week"),
        ("symptomWeeks", "symptomWeeks", "How long you have had the pain"),
        ("surgery.kind", "surgeryKind-" + NoSurgery, "Hip surgery"),
        ("surgery.approach", "surgeryApproach-" + Vocab<Core.SurgeryApproach>.Names[0], "How the surgeon reached the hip"),
        ("surgery.date", "surgeryDate", "Date of surgery"),
        ("redFlags", "redFlags-" + Vocab<RedFlag>.Names[0], "Warning signs"),
        ("pregnant", "pregnant-yes", "Pregnancy"),
        ("osteoporosis", "osteoporosis-yes", "Osteoporosis"),
        ("abilities.getDownToFloor", "getDownToFloor-yes", "Getting down to the floor"),
        ("abilities.kneel", "kneel-yes", "Kneeling"),
        ("abilities.standWithoutSupport", "standWithoutSupport-yes", "Standing without holding on"),
        ("equipment", "equipment-" + Vocab<Core.Equipment>.Names[0], "Equipment"),
        ("goals", "goals-" + Vocab<Goal>.Names[0], "Goals"),
    ];

    // ---- The options, in the words people read. Values are the engine's public names. ----

    public static IReadOnlyList<Choice> SexChoices { get; } = Choices<Sex>(v => v switch
    {
        Core.Sex.Female => "Female",
        Core.Sex.Male => "Male",
        Core.Sex.Other => "Another answer",
        _ => Vocab<Sex>.Name(v),
    });

    public static IReadOnlyList<Choice> PainSideChoices { get; } = Choices<PainSide>(v => v switch
    {
        Core.PainSide.Left => "Left hip",
        Core.PainSide.Right => "Right hip",
        Core.PainSide.Both => "Both hips",
        _ => Vocab<PainSide>.Name(v),
    });

    public static IReadOnlyList<Choice> PainLocationChoices { get; } = Choices<PainLocation>(v => v switch
    {
        Core.PainLocation.Groin => "In the groin",
        Core.PainLocation.OuterHip => "On the outside of the hip",
        Core.PainLocation.Buttock => "In the buttock",
        Core.PainLocation.Diffuse => "All over, or hard to say",
        _ => Vocab<PainLocation>.Name(v),
    }, v => v switch
    {
        Core.PainLocation.Groin => "At the front, where your leg meets your body.",
        Core.PainLocation.OuterHip => "On the side, over the bony point of the hip.",
        Core.PainLocation.Buttock => "At the back of the hip.",
        _ => null,
    });

    public static IReadOnlyList<Choice> CauseChoices { get; } = Choices<Cause>(v => v switch
    {
        Core.Cause.Osteoarthritis => "Arthritis",
        Core.Cause.Injury => "An injury",
        Core.Cause.Overuse => "Doing too much",
        Core.Cause.AfterSurgery => "Recovering from hip surgery",
        Core.Cause.Unknown => "I’m not sure",
        _ => Vocab<Cause>.Name(v),
    }, v => v switch
    {
        Core.Cause.Osteoarthritis => "Wear and tear in the hip joint (osteoarthritis).",
        Core.Cause.Injury => "For example a fall, a twist or a strain.",
        Core.Cause.Overuse => "For example a lot of walking, running, standing or a new sport.",
        _ => null,
    });

    public static IReadOnlyList<Choice> SurgeryKindChoices { get; } =
    [
        new(NoSurgery, "No, I have not had hip surgery"),
        .. Choices<SurgeryKind>(v => v switch
        {
            Core.SurgeryKind.TotalHipReplacement => "Hip replacement",
            Core.SurgeryKind.HipArthroscopy => "Keyhole surgery (hip arthroscopy)",
            Core.SurgeryKind.FractureFixation => "Repair of a broken hip",
            Core.SurgeryKind.Other => "Another hip operation",
            _ => Vocab<SurgeryKind>.Name(v),
        }),
    ];

    public static IReadOnlyList<Choice> SurgeryApproachChoices { get; } = Choices<SurgeryApproach>(v => v switch
    {
        Core.SurgeryApproach.Posterior => "From the back (posterior)",
        Core.SurgeryApproach.Anterior => "From the front (anterior)",
        Core.SurgeryApproach.Lateral => "From the side (lateral)",
        Core.SurgeryApproach.Unknown => "I don’t know",
        _ => Vocab<SurgeryApproach>.Name(v),
    });

    public static IReadOnlyList<Choice> RedFlagChoices { get; } = Choices<RedFlag>(v => v switch
    {
        RedFlag.FallCannotBearWeight => "A fall or injury, and now I can’t stand on the leg",
        RedFlag.HotSwollenFever => "A hot, red or swollen hip with a fever",
        RedFlag.BladderBowelSaddleBothLegs => "New bladder or bowel problems, or numbness between the legs",
        RedFlag.CalfSwellingChestBreathless => "A swollen calf, chest pain or trouble breathing",
        RedFlag.SuddenSeverePain => "Sudden, severe hip pain",
        RedFlag.CancerNightWeightLoss => "Past cancer, with night pain or weight loss",
        RedFlag.AvnRiskGroinPain => "Groin pain with a risk to the hip bone",
        RedFlag.SpreadingWeaknessNumbness => "Weakness or numbness that is spreading",
        RedFlag.LongMorningStiffness => "Long morning stiffness",
        RedFlag.ReplacementNewPainOrWound => "New pain or a wound problem after a hip replacement",
        RedFlag.ReplacementClunkDislocation => "A clunk with sudden pain in a replaced hip",
        _ => Vocab<RedFlag>.Name(v),
    }, v => v switch
    {
        RedFlag.FallCannotBearWeight => "You fell or were hurt, and now you cannot put weight on the leg, or the leg looks shorter or turned out.",
        RedFlag.HotSwollenFever => "Your hip is hot, red or swollen, and you have a fever or feel unwell.",
        RedFlag.BladderBowelSaddleBothLegs => "New trouble holding or passing urine or stools, numbness around your genitals or bottom, or weakness in both legs.",
        RedFlag.CalfSwellingChestBreathless => "Your calf or leg is swollen, warm or tender, or you have chest pain or feel short of breath.",
        RedFlag.SuddenSeverePain => "The pain came on suddenly and badly, or long-standing pain got much worse all at once.",
        RedFlag.CancerNightWeightLoss => "You have had cancer, and now have pain at night, pain that rest does not ease, or weight loss you can’t explain.",
        RedFlag.AvnRiskGroinPain => "Groin pain, and you have taken steroid medicine for a long time, drink a lot of alcohol, have sickle cell disease or lupus, have had chemotherapy, radiotherapy or an organ transplant, or have broken or dislocated this hip before.",
        RedFlag.SpreadingWeaknessNumbness => "Weakness, numbness or tingling in your leg that is spreading or getting worse.",
        RedFlag.LongMorningStiffness => "Stiffness that lasts more than 30 minutes after you get up, or several swollen joints.",
        RedFlag.ReplacementNewPainOrWound => "New or worse pain, a new limp, or a wound that is red or leaking.",
        RedFlag.ReplacementClunkDislocation => "You felt or heard a clunk, with sudden pain. The hip may have come out of place.",
        _ => null,
    });

    public static IReadOnlyList<Choice> EquipmentChoices { get; } = Choices<Core.Equipment>(v => v switch
    {
        Core.Equipment.ResistanceBand => "A resistance band (a stretchy exercise band)",
        Core.Equipment.AnchorPoint => "A sturdy place to tie a band, like a heavy table leg",
        Core.Equipment.Chair => "A sturdy chair without wheels",
        Core.Equipment.Wall => "A clear wall to lean on",
        Core.Equipment.Step => "A step or stair",
        Core.Equipment.Strap => "A strap, belt or towel",
        Core.Equipment.AnkleWeight => "An ankle weight",
        Core.Equipment.Bed => "A firm bed",
        _ => PlainWords.EquipmentLabel(v),
    });

    public static IReadOnlyList<Choice> GoalChoices { get; } = Choices<Goal>(v => v switch
    {
        Core.Goal.Pain => "Less pain",
        Core.Goal.RangeOfMotion => "Moving my hip more freely",
        Core.Goal.Strength => "Getting stronger",
        Core.Goal.Posture => "Better posture",
        Core.Goal.Walking => "Walking",
        Core.Goal.Stairs => "Going up and down stairs",
        Core.Goal.ChairTransfers => "Getting in and out of a chair",
        _ => Vocab<Goal>.Name(v),
    });

    public static IReadOnlyList<Choice> YesNoChoices { get; } = [new(Yes, "Yes"), new(No, "No")];

    private static List<Choice> Choices<T>(Func<T, string> label, Func<T, string?>? hint = null) where T : struct, Enum =>
        [.. Enum.GetValues<T>().Select(v => new Choice(Vocab<T>.Name(v), label(v), hint?.Invoke(v)))];
}
