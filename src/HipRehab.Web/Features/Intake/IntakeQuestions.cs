using HipRehab.Core;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Intake;

/// <summary>
/// The intake's questions and choices in the words people read (the intake page, Try it and the
/// check-in's warning signs all ask them this way). Values are the engine's public names.
/// </summary>
public static class IntakeQuestions
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string NoSurgery = "none";

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
