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

    [Fact]
    public void StartUp_WithAVariantWithoutMovement_FailsNamingTheFileVariantAndField()
    {
        CopyLibrary();
        var bridge = Path.Combine(_folder, "glute-bridge.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(bridge))!;
        node["variants"]![1]!.AsObject().Remove("movement");
        File.WriteAllText(bridge, node.ToJsonString());

        var invalid = StartAndFail();
        Assert.Single(invalid.Errors, e => e.StartsWith("glute-bridge.json: variants[1].movement: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void StartUp_WithPosesBeyondTheDeclaredDemands_FailsNamingTheVariantDemandJointAndAngle()
    {
        CopyLibrary();
        var squat = Path.Combine(_folder, "squat.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(squat))!;
        // The mini squat declares only "standing"; its deepest pose sinks to 100° of hip flexion.
        var mini = node["variants"]!.AsArray().Single(v => (string?)v!["id"] == "squat-mini-holding-chair")!;
        mini["movement"]!["phases"]![1]!["pose"]!["working"]!["hipFlexion"] = 100;
        File.WriteAllText(squat, node.ToJsonString());

        var invalid = StartAndFail();
        Assert.Contains(invalid.Errors, e => e.StartsWith("squat.json: variants[2].movement: variant 'squat-mini-holding-chair': the poses make the demand 'hip-flexion-over-90' (working.hipFlexion 100)", StringComparison.Ordinal));
    }

    private void CopyLibrary()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "content", "exercises"), "*.json"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    private ExerciseContent.InvalidContentException StartAndFail()
    {
        using var app = new TestApp();
        app.Settings["Content:ExercisesPath"] = _folder;
        return FindInvalid(Assert.ThrowsAny<Exception>(() => app.CreateClient()));
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
