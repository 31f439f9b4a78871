using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;

namespace HipRehab.Benchmarks;

internal static class Fixtures
{
    public static readonly DateOnly Today = new(2026, 11, 26);

    public static ExerciseLibrary Library { get; } = LoadLibrary();

    private static ExerciseLibrary LoadLibrary()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "content", "exercises");
        var files = Directory.EnumerateFiles(folder, "*.json").Select(f => new ContentFile(Path.GetFileName(f), File.ReadAllText(f)));
        return LibraryLoader.Load(files).Library ?? throw new InvalidOperationException("The exercise library did not load.");
    }

    /// <summary>A typical self-guided person: osteoarthritis, no surgery, most equipment.</summary>
    public static Intake Typical { get; } = new()
    {
        BirthYear = 1958, Sex = Sex.Female, PainSide = PainSide.Left, PainLocation = PainLocation.Groin, Cause = Cause.Osteoarthritis,
        PainNow = 4, RedFlags = new HashSet<RedFlag>(), Pregnant = false, Osteoporosis = false,
        Abilities = new Abilities(true, true, true),
        Equipment = new HashSet<Equipment> { Equipment.Chair, Equipment.Wall, Equipment.ResistanceBand, Equipment.AnchorPoint },
        Goals = new HashSet<Goal> { Goal.Walking, Goal.Stairs },
    };

    /// <summary>The hardest case for the planner: recent posterior hip replacement, limited abilities, outer-hip pain.</summary>
    public static Intake Constrained { get; } = Typical with
    {
        Surgery = new Surgery(SurgeryKind.TotalHipReplacement, SurgeryApproach.Unknown, Today.AddDays(-20)),
        PainLocation = PainLocation.OuterHip,
        Osteoporosis = true,
        Abilities = new Abilities(false, false, false),
        Equipment = new HashSet<Equipment> { Equipment.Chair },
    };
}
