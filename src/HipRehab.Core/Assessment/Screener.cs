
namespace HipRehab.Core.Assessment;

/// <summary>
/// Screens an intake (or a check-in's red flags) against docs/clinical-rules.md §1, pregnancy (CX6) and
/// age (RF6). It never diagnoses: every message names what was reported and what to do.
/// </summary>
public static class Screener
{
    /// <summary>The youngest age the product serves (RF6).</summary>
    public const int AdultAge = 18;

    /// <summary>
    /// A single pain rating of this or more means no exercise that day (E5). The intake's pain now is
    /// such a rating, and it also counts as the first rating of E5's "persists at the next check-in"
    /// (<see cref="Escalation.EscalationEngine"/> reads this constant).
    /// </summary>
    public const int VeryHighPain = 8;

    private const string Emergency = "Please get medical help today: go to urgent care or an emergency department, or call your local emergency number. Do not start these exercises.";

    /// <summary>Screens a whole intake. <paramref name="today"/> decides the person's age.</summary>
    public static ScreeningResult Screen(Intake intake, DateOnly today)
    {
        var findings = new List<Finding>();
        if (intake.AgeIn(today.Year) < AdultAge)
        {
            findings.Add(new("RF6", ScreeningOutcome.NotEligible,
                "HipRehab is made for adults (18 and over). A young person with hip pain or a limp should see a doctor, who can find out why."));
        }

        findings.AddRange(RedFlagFindings(intake.RedFlags));

        if (intake.PainNow >= VeryHighPain)
        {
            findings.Add(VeryHighPainAtIntake(intake.PainNow));
        }

        if (intake.Pregnant)
        {
            findings.Add(new("CX6", ScreeningOutcome.SeeClinicianSoon,
                "You told us you are pregnant. Please ask your midwife, doctor or physical therapist to check this plan before you start. Some exercises lying on your back will be left out."));
        }

        return Combine(findings);
    }

    /// <summary>
    /// E5 at the intake: advice that does not block a plan, but says not to exercise on the day of the
    /// rating, when to start, and when to see someone.
    /// </summary>
    public static Finding VeryHighPainAtIntake(int painNow) => new("E5", ScreeningOutcome.Advice,
        $"You rated your pain {painNow} out of 10 right now. Please do not exercise today: rest and use what usually eases your pain. "
        + $"Start your plan on the next day your pain is lower. If your pain is still {VeryHighPain} or more at your next morning check-in, "
        + "please see a physical therapist or doctor in the next few days.");

    /// <summary>Screens red flags alone, as reported at a morning check-in (E1).</summary>
    public static ScreeningResult ScreenRedFlags(IEnumerable<RedFlag> redFlags) => Combine(RedFlagFindings(redFlags));

    private static ScreeningResult Combine(IEnumerable<Finding> findings)
    {
        var ordered = findings.OrderByDescending(f => f.Outcome).ToList();
        var outcome = ordered.Count == 0 ? ScreeningOutcome.Clear : ordered[0].Outcome;
        return new ScreeningResult(outcome, ordered);
    }

    private static IEnumerable<Finding> RedFlagFindings(IEnumerable<RedFlag> redFlags)
    {
        foreach (var flag in redFlags.Distinct().Order())
        {
            yield return flag switch
            {
                RedFlag.FallCannotBearWeight => new("RF1", ScreeningOutcome.UrgentCare,
                    $"You told us you fell or were hurt and now cannot put weight on the leg, or the leg looks different. This needs to be checked today. {Emergency}"),
                RedFlag.HotSwollenFever => new("RF2", ScreeningOutcome.UrgentCare,
                    $"You told us your hip is hot, red or swollen and you have a fever or feel unwell. This needs to be checked today. {Emergency}"),
                RedFlag.BladderBowelSaddleBothLegs => new("RF3", ScreeningOutcome.UrgentCare,
                    $"You told us about new bladder or bowel changes, numbness between the legs, or weakness in both legs. This needs to be checked today. {Emergency}"),
                RedFlag.CalfSwellingChestBreathless => new("RF4", ScreeningOutcome.UrgentCare,
                    $"You told us about a swollen, warm or sore calf or leg, or chest pain or trouble breathing. This needs to be checked today. {Emergency}"),
                RedFlag.SuddenSeverePain => new("RF5", ScreeningOutcome.UrgentCare,
                    $"You told us your hip pain came on suddenly and badly, or got much worse all at once. This needs to be checked today. {Emergency}"),
                RedFlag.CancerNightWeightLoss => new("RF7", ScreeningOutcome.SeeClinicianSoon,
                    "You told us about a past cancer together with pain at night, constant pain, or weight loss you cannot explain. Please see your doctor within the next few days before starting exercises."),
                RedFlag.AvnRiskGroinPain => new("RF8", ScreeningOutcome.SeeClinicianSoon,
                    "You told us about groin pain together with something that can affect the health of the hip bone. Please see your doctor within the next few days before starting exercises."),
                RedFlag.SpreadingWeaknessNumbness => new("RF9", ScreeningOutcome.SeeClinicianSoon,
                    "You told us that weakness, numbness or tingling in your leg is spreading or getting worse. Please see your doctor within the next few days before starting exercises."),
                RedFlag.LongMorningStiffness => new("RF10", ScreeningOutcome.Advice,
                    "You told us your stiffness lasts more than 30 minutes in the morning, or several joints are swollen. You can start gently, and it is worth asking your doctor about it at your next visit."),
                RedFlag.ReplacementNewPainOrWound => new("RF11", ScreeningOutcome.SeeClinicianSoon,
                    "You told us about new pain, a new limp, or a red or leaking wound after your hip replacement. Please contact your surgical team or doctor within the next few days before starting exercises."),
                RedFlag.ReplacementClunkDislocation => new("RF11", ScreeningOutcome.UrgentCare,
                    $"You told us about a clunk with sudden pain in your replaced hip. The hip may have come out of place. {Emergency}"),
                _ => throw new ArgumentOutOfRangeException(nameof(redFlags), flag, "Unknown red flag."),
            };
        }
    }
}
