using HipRehab.Web.Infrastructure;

namespace HipRehab.Web.Tests;

public sealed class ContentValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hiprehab-content-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void StartUp_WithAnUnknownDemand_FailsNamingTheFileAndField()
    {
        var source = Path.Combine(AppContext.BaseDirectory, "content", "exercises");
        foreach (var file in Directory.EnumerateFiles(source, "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }

        var clamshell = Path.Combine(_folder, "clamshell.json");
        File.WriteAllText(clamshell, File.ReadAllText(clamshell).Replace("\"side-lying\"", "\"cartwheel\"", StringComparison.Ordinal));

        using var app = new TestApp();
        app.Settings["Content:ExercisesPath"] = _folder;
        var ex = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var invalid = FindInvalid(ex);
        Assert.Contains(invalid.Errors, e => e.StartsWith("clamshell.json: variants[", StringComparison.Ordinal) && e.Contains(".demands[", StringComparison.Ordinal) && e.Contains("cartwheel", StringComparison.Ordinal));
    }

    private static ExerciseContent.InvalidContentException FindInvalid(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is ExerciseContent.InvalidContentException invalid)
            {
                return invalid;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected InvalidContentException, got {ex}");
    }
}
