using HipRehab.Core.Library;

namespace HipRehab.Core.Tests;

/// <summary>
/// The real exercise library, loaded once from the content files copied next to the test
/// assembly, so every test judges the content the app ships rather than a hand-made copy.
/// </summary>
internal static class TestLibrary
{
    private static readonly Lazy<ExerciseLibrary> s_library = new(Load);

    public static string ContentDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "content", "exercises");

    public static ExerciseLibrary Library => s_library.Value;

    public static IReadOnlyList<ContentFile> Files() =>
    [
        .. Directory.GetFiles(ContentDirectory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(p => new ContentFile(Path.GetFileName(p), File.ReadAllText(p))),
    ];

    public static ExerciseVariant Variant(string id) =>
        Library.FindVariant(id) ?? throw new ArgumentException($"No variant '{id}' in the content.", nameof(id));

    public static ExerciseFamily Family(string id) =>
        Library.FindFamily(id) ?? throw new ArgumentException($"No family '{id}' in the content.", nameof(id));

    private static ExerciseLibrary Load()
    {
        var result = LibraryLoader.Load(Files());
        return result.Library
            ?? throw new InvalidOperationException("The shipped content does not load:\n" + string.Join("\n", result.Errors));
    }
}
