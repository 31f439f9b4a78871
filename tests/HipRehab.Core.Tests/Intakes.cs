using HipRehab.Core.Assessment;
using Microsoft.Extensions.Time.Testing;

namespace HipRehab.Core.Tests;

/// <summary>Intakes for tests: a typical adult with hip osteoarthritis, varied with <c>with</c>.</summary>
internal static class Intakes
{
    /// <summary>The fixed "now" of every test; a fake clock so a test can move a day forward.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static FakeTimeProvider Clock() => new(Now);

    public static DateOnly TodayOn(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static IReadOnlySet<Equipment> AllEquipment { get; } = Enum.GetValues<Equipment>().ToHashSet();

    /// <summary>The docs/api.md example person without surgery: can do everything, has the usual home equipment.</summary>
    public static Intake Typical() => new()
    {
        BirthYear = 1958,
        Sex = Sex.Female,
        HeightCm = 165m,
        WeightKg = 80m,
        PainSide = PainSide.Left,
        PainLocation = PainLocation.Groin,
        Cause = Cause.Osteoarthritis,
        PainNow = 4,
        PainWorstLastWeek = 6,
        SymptomWeeks = 26,
        Surgery = null,
        RedFlags = new HashSet<RedFlag>(),
        Pregnant = false,
        Osteoporosis = false,
        Abilities = new Abilities(GetDownToFloor: true, Kneel: true, StandWithoutSupport: true),
        Equipment = new HashSet<Equipment> { Equipment.Chair, Equipment.Wall, Equipment.ResistanceBand, Equipment.AnchorPoint },
        Goals = new HashSet<Goal> { Goal.Walking, Goal.Stairs },
    };

    /// <summary>The typical person after a hip replacement <paramref name="daysAgo"/> days before <see cref="Today"/>.</summary>
    public static Intake AfterReplacement(SurgeryApproach? approach, int daysAgo, DateOnly? today = null) => Typical() with
    {
        Cause = Cause.AfterSurgery,
        Surgery = new Surgery(SurgeryKind.TotalHipReplacement, approach, (today ?? Today).AddDays(-daysAgo)),
    };

    public static Intake WithFlags(this Intake intake, params RedFlag[] flags) => intake with { RedFlags = flags.ToHashSet() };

    public static Intake WithEquipment(this Intake intake, params Equipment[] equipment) => intake with { Equipment = equipment.ToHashSet() };
}
