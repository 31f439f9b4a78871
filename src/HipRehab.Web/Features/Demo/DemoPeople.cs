using HipRehab.Core.Assessment;

namespace HipRehab.Web.Features.Demo;

/// <summary>The course a demo person's history takes; each puts them in a different place on the dashboard.</summary>
public enum DemoStory
{
    /// <summary>Usual pain falls from 5 to 1; sessions become pain-free and easy, so doses step up.</summary>
    Improving,

    /// <summary>Pain stays around 4 and sessions stay hard, so every decision is a hold.</summary>
    Stalling,

    /// <summary>Usual pain rises from 3 to 7 over the weeks (the dashboard's worsening-pain signal, and once it has lasted a week a see-clinician-soon alert, E2); in the last days an exercise hurts too much and is stopped and stepped back.</summary>
    Worsening,

    /// <summary>Doing well until yesterday's check-in reports a hot, swollen hip with fever: urgent alert, plan paused (E1, RF2).</summary>
    RedFlag,

    /// <summary>Steady, then usual pain of 8 at two check-ins in a row: a see-clinician-soon alert (E5).</summary>
    Flare,

    /// <summary>Started well, then did under half of the planned days in the last two weeks (E6).</summary>
    LowAdherence,

    /// <summary>Answered the intake two days ago with a warning sign a clinician must clear first: no plan yet.</summary>
    AwaitingClearance,
}

/// <summary>One demo person: who they are, their story, how many weeks of history, and their intake answers.</summary>
public sealed record DemoPerson(string Name, string Email, DemoStory Story, int Weeks, IntakeForm Intake)
{
    /// <summary>Days from the intake to today.</summary>
    public int Days => Story == DemoStory.AwaitingClearance ? 2 : Weeks * 7;
}

/// <summary>
/// The demo clinic's people. Names are made up; every address is under example.org (RFC 2606),
/// which can never reach a real inbox.
/// </summary>
public static class DemoPeople
{
    /// <summary>The longest history, in weeks.</summary>
    public const int MaxWeeks = 12;

    public static readonly IReadOnlyList<DemoPerson> All =
    [
        Person("Ruth Alvarez", DemoStory.RedFlag, 5, 1954, "female", "osteoarthritis", painNow: 5),
        Person("Tomasz Nowak", DemoStory.Flare, 3, 1961, "male", "osteoarthritis", painNow: 3),
        Person("Grace Okafor", DemoStory.Worsening, 4, 1968, "female", "overuse", painNow: 3),
        Person("Henrik Larsen", DemoStory.AwaitingClearance, 0, 1957, "male", "osteoarthritis", painNow: 4, redFlags: ["avn-risk-groin-pain"]),
        Person("Priya Shah", DemoStory.LowAdherence, 4, 1972, "female", "overuse", painNow: 3),
        Person("Daniel Murphy", DemoStory.Stalling, 6, 1959, "male", "osteoarthritis", painNow: 4),
        Person("Amara Mensah", DemoStory.Stalling, 8, 1965, "female", "unknown", painNow: 4),
        Person("Linda Chen", DemoStory.Improving, 12, 1956, "female", "osteoarthritis", painNow: 5),
        Person("Jorge Ramos", DemoStory.Improving, 10, 1963, "male", "injury", painNow: 5),
        Person("Sofia Rossi", DemoStory.Improving, 6, 1970, "female", "overuse", painNow: 5),
        Person("Samuel Brooks", DemoStory.Improving, 3, 1950, "male", "osteoarthritis", painNow: 5),
        Person("Mei Tanaka", DemoStory.Improving, 2, 1975, "female", "overuse", painNow: 4),
    ];

    /// <summary>The one person whose sign-in is printed, to look at the person's own pages. Doing well, with the longest history.</summary>
    public static DemoPerson WithLogin => All.Single(p => p.Name == "Linda Chen");

    private static DemoPerson Person(string name, DemoStory story, int weeks, int birthYear, string sex, string cause, int painNow,
        string[]? redFlags = null) =>
        new(name, name.ToLowerInvariant().Replace(' ', '.') + "@example.org", story, weeks, new IntakeForm
        {
            BirthYear = birthYear,
            Sex = sex,
            HeightCm = sex == "female" ? 164 : 178,
            WeightKg = sex == "female" ? 70 : 84,
            PainSide = birthYear % 2 == 0 ? "left" : "right",
            PainLocation = cause == "overuse" ? "outer-hip" : "groin",
            Cause = cause,
            PainNow = painNow,
            PainWorstLastWeek = Math.Min(10, painNow + 2),
            SymptomWeeks = 8 + birthYear % 30,
            Surgery = null,
            RedFlags = redFlags ?? [],
            Pregnant = false,
            Osteoporosis = false,
            Abilities = new AbilitiesForm { GetDownToFloor = true, Kneel = true, StandWithoutSupport = true },
            Equipment = ["chair", "wall", "resistance-band", "anchor-point", "strap", "step", "bed"],
            Goals = ["walking", "stairs"],
        });
}

/// <summary>What one demo day holds for a person, decided by their story.</summary>
/// <param name="UsualPain">Usual pain at the morning check-in.</param>
/// <param name="Settled">Whether the last session's pain had settled by the morning.</param>
/// <param name="RedFlags">Warning signs reported at the check-in.</param>
/// <param name="MustCheckIn">A check-in even without a session the day before (the story needs it).</param>
/// <param name="Exercises">Whether the person does a session if the plan has something due.</param>
/// <param name="PainDuring">Pain during each exercise.</param>
/// <param name="Effort">Effort of each exercise.</param>
/// <param name="FullDose">Whether every set and rep was done.</param>
public sealed record DemoDay(int UsualPain, bool Settled, IReadOnlyList<string> RedFlags, bool MustCheckIn, bool Exercises, int PainDuring,
    int Effort, bool FullDose)
{
    /// <summary>Day <paramref name="day"/> of <paramref name="days"/> (the last one is today) for a person's story.</summary>
    /// <param name="story">The story.</param>
    /// <param name="seed">Varies which days a person skips, so people do not all skip the same days.</param>
    /// <param name="day">Days since the intake.</param>
    /// <param name="days">Days from the intake to today.</param>
    public static DemoDay Of(DemoStory story, int seed, int day, int days)
    {
        var t = (decimal)day / days;
        var daysLeft = days - day;
        // About one planned day in seven is missed, as in real life.
        var skips = (day * 3 + seed) % 7 == 0;
        switch (story)
        {
            case DemoStory.Improving:
            {
                var usual = (int)Math.Round(5 - 4 * t, MidpointRounding.AwayFromZero);
                return new(usual, true, [], false, !skips, Math.Clamp(usual - 2, 0, 3), t < 0.25m ? 5 : 3, true);
            }

            case DemoStory.Stalling:
                return new(4 + (day % 3 == 0 ? 1 : 0), day % 4 != 0, [], false, !skips, 3, 6, day % 5 != 0);

            case DemoStory.Worsening:
            {
                var usual = (int)Math.Round(3 + 4 * t, MidpointRounding.AwayFromZero);
                return new(usual, usual <= 4 || day % 2 == 0, [], false, !skips, Math.Min(6, usual - 1), 6, usual <= 5);
            }

            case DemoStory.RedFlag:
                return daysLeft switch
                {
                    1 => new(7, false, ["hot-swollen-fever"], true, false, 0, 0, false),
                    0 => new(7, false, [], false, false, 0, 0, false),
                    _ => Of(DemoStory.Improving, seed, day, days),
                };

            case DemoStory.Flare:
                return daysLeft switch
                {
                    2 or 1 => new(8, false, [], true, false, 0, 0, false),
                    0 => new(8, false, [], false, false, 0, 0, false),
                    _ => new(3, true, [], false, !skips, 2, 4, true),
                };

            case DemoStory.LowAdherence:
                // The last 18 days: one planned day in three.
                return new(3, true, [], false, daysLeft > 18 ? !skips : day % 3 == 0, 2, 4, true);

            default:
                return new(4, true, [], false, false, 0, 0, false);
        }
    }
}
