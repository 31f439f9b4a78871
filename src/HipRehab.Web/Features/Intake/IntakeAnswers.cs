using System.Globalization;
using HipRehab.Core.Assessment;
using static HipRehab.Web.Features.Intake.IntakeFormReading;

namespace HipRehab.Web.Features.Intake;

/// <summary>
/// The intake's answers as a form sends them: every answer as text, so that anything typed can be
/// shown again exactly as it was. The intake page and Try it bind the same fields (by these names,
/// without a prefix) and turn them into the engine's <see cref="IntakeForm"/> the same way.
/// </summary>
public sealed class IntakeAnswers
{
    public string? BirthYear { get; set; }
    public string? Sex { get; set; }
    public string? HeightCm { get; set; }
    public string? WeightKg { get; set; }
    public string? PainSide { get; set; }
    public string? PainLocation { get; set; }
    public string? Cause { get; set; }
    public string? PainNow { get; set; }
    public string? PainWorstLastWeek { get; set; }
    public string? SymptomWeeks { get; set; }
    public string? SurgeryKind { get; set; }
    public string? SurgeryApproach { get; set; }
    public string? SurgeryDate { get; set; }
    public List<string> RedFlags { get; set; } = [];
    public string? Pregnant { get; set; }
    public string? Osteoporosis { get; set; }
    public string? GetDownToFloor { get; set; }
    public string? Kneel { get; set; }
    public string? StandWithoutSupport { get; set; }
    public List<string> Equipment { get; set; } = [];
    public List<string> Goals { get; set; } = [];

    public bool IsMale => Sex == "male";

    /// <summary>Every answer by its form field name (lists once per value), in question order.</summary>
    public IEnumerable<(string Name, string? Value)> ByFormName() =>
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

    /// <summary>The answers as the engine's form; what cannot be read is put in <paramref name="errors"/> by question key.</summary>
    public IntakeForm ToForm(Dictionary<string, string> errors) => new()
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
        Surgery = Blank(SurgeryKind) is { } kind && kind != IntakeQuestions.NoSurgery
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

    /// <summary>The answers of an earlier intake, to start from. Warning signs are about now: they are asked fresh every time.</summary>
    public void Fill(IntakeForm form)
    {
        static string? Num(decimal? d) => d?.ToString(CultureInfo.InvariantCulture);
        static string? Int(int? i) => i?.ToString(CultureInfo.InvariantCulture);
        static string? YesNo(bool? b) => b switch { true => IntakeQuestions.Yes, false => IntakeQuestions.No, null => null };
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
        SurgeryKind = form.Surgery?.Kind ?? IntakeQuestions.NoSurgery;
        SurgeryApproach = form.Surgery?.Approach;
        SurgeryDate = form.Surgery?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        RedFlags = [];
        Pregnant = YesNo(form.Pregnant);
        Osteoporosis = YesNo(form.Osteoporosis);
        GetDownToFloor = YesNo(form.Abilities?.GetDownToFloor);
        Kneel = YesNo(form.Abilities?.Kneel);
        StandWithoutSupport = YesNo(form.Abilities?.StandWithoutSupport);
        Equipment = [.. form.Equipment ?? []];
        Goals = [.. form.Goals ?? []];
    }
}
