using HipRehab.Core.Library;

namespace HipRehab.Web.Infrastructure;

/// <summary>Reads the exercise library from disk at start-up; invalid content stops the app.</summary>
public static class ExerciseContent
{
    /// <summary>Thrown when the library content is invalid; the message names every file and field.</summary>
    public sealed class InvalidContentException(IReadOnlyList<string> errors)
        : Exception("The exercise library content is invalid:\n  " + string.Join("\n  ", errors))
    {
        public IReadOnlyList<string> Errors { get; } = errors;
    }

    /// <summary>
    /// The folder to read: <c>Content:ExercisesPath</c> when set, else the copy that ships next
    /// to the app, else <c>content/exercises</c> under the working directory.
    /// </summary>
    public static string ResolveFolder(IConfiguration configuration)
    {
        var configured = configuration["Content:ExercisesPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var shipped = Path.Combine(AppContext.BaseDirectory, "content", "exercises");
        return Directory.Exists(shipped) ? shipped : Path.GetFullPath(Path.Combine("content", "exercises"));
    }

    /// <summary>Loads and validates every <c>*.json</c> file in the folder.</summary>
    public static ExerciseLibrary Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidContentException([$"{folder}: (folder): the exercise library folder does not exist"]);
        }

        var files = Directory.EnumerateFiles(folder, "*.json")
            .Select(path => new ContentFile(Path.GetFileName(path), File.ReadAllText(path)));
        // The shipped library draws every exercise, so each variant must carry its movement.
        var result = LibraryLoader.Load(files, movementRequired: true);
        return result.Library ?? throw new InvalidContentException(result.Errors);
    }
}
