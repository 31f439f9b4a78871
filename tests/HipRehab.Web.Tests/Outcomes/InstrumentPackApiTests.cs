namespace HipRehab.Web.Tests;

/// <summary>
/// Licensed instrument packs (docs/clinical-rules.md §5; content/instruments/README.md): an operator points
/// <c>Instruments:PacksPath</c> at a folder, and the pack is listed and scored with no code change.
/// The pack used is the made-up one of the Core tests; no real questionnaire is in the repository.
/// </summary>
public sealed class InstrumentPackApiTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hiprehab-packs", Guid.NewGuid().ToString("N"));

    public InstrumentPackApiTests()
    {
        Directory.CreateDirectory(_folder);
        File.Copy(Path.Combine(TestDataFolder(), "made-up-hip-check.json"), Path.Combine(_folder, "made-up-hip-check.json"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string TestDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "HipRehab.Core.Tests", "TestData", "instruments");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/HipRehab.Core.Tests/TestData/instruments not found above the test folder.");
    }

    private TestApp AppWithPacks(string? folder = null)
    {
        var app = new TestApp();
        app.Settings["Instruments:PacksPath"] = folder ?? _folder;
        return app;
    }

    private static object Answers(string date, object answers) => new { instrument = "made-up-hip-check", date, answers };

    [Fact]
    public async Task Pack_IsListedWithItsFieldsMeaningAndLicence_NextToTheBuiltIns()
    {
        await using var app = AppWithPacks();
        var person = await app.SignUpAsync();
        var list = await (await person.Client.GetAsync("/api/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["nprs", "psfs", "pgic", "sane", "chair-stand-30s", "tug", "fast-walk-40m", "made-up-hip-check"],
            list.EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        var pack = list[7];
        Assert.Equal("pack", pack.GetProperty("kind").GetString());
        Assert.Equal("Made-up Hip Check", pack.GetProperty("name").GetString());
        Assert.Equal("0.1", pack.GetProperty("version").GetString());
        Assert.Equal(["answers"], pack.GetProperty("fields").Strings());
        Assert.Equal("Invented for HipRehab's tests; not a real questionnaire.", pack.GetProperty("licenceNote").GetString());
        Assert.Equal(10m, pack.GetProperty("meaningfulChange").GetDecimal());
        Assert.Equal(0m, pack.GetProperty("min").GetDecimal());
        Assert.Equal(100m, pack.GetProperty("max").GetDecimal());
        Assert.Equal("higher-is-better", pack.GetProperty("direction").GetString());
        Assert.Equal(["stiff", "shoes", "walk", "sleep"], pack.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(5, pack.GetProperty("items")[0].GetProperty("options").GetArrayLength());

        var tug = list[5];
        Assert.Equal("built-in", tug.GetProperty("kind").GetString());
        Assert.Equal(["seconds"], tug.GetProperty("fields").Strings());
        Assert.True(tug.GetProperty("needsHelper").GetBoolean());
        Assert.Equal(["OM6"], tug.GetProperty("ruleIds").Strings());
        Assert.Contains("12 seconds", tug.GetProperty("meaning").GetString(), StringComparison.Ordinal);
        Assert.Equal(["activities"], list[1].GetProperty("fields").Strings());

        // Licensed text is for signed-in users only.
        await (await app.CreateClient().GetAsync("/api/v1/instruments")).ExpectAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Pack_IsRecordedAndScoredAsItsScoringBlockSays_WithChangeFromTheFirstResult()
    {
        await using var app = AppWithPacks();
        var (person, _) = await app.SignUpWithPlanAsync();
        // Mean 1 of 0–4, rescaled to 25, reversed: 75.
        var first = await person.Client.RecordOkAsync(Answers("2026-11-01", new { stiff = 1, shoes = 2, walk = 0, sleep = 1 }));
        Assert.Equal("made-up-hip-check", first.GetProperty("instrument").GetString());
        Assert.Equal(75m, first.GetProperty("score").GetDecimal());
        Assert.Equal(1m, first.GetProperty("raw").GetDecimal());
        Assert.Equal(2, first.GetProperty("answers").GetProperty("shoes").GetInt32());
        Assert.Contains("75 on a scale from 0 to 100", first.Interpretation().GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Null(first.Interpretation().Dec("change"));

        // One item may be left out (maxMissing 1): mean 1/3 → 8.33 → reversed 91.67 → one decimal 91.7.
        var later = await person.Client.RecordOkAsync(Answers("2026-11-26", new { stiff = 0, shoes = 1, walk = 0 }));
        Assert.Equal(91.7m, later.GetProperty("score").GetDecimal());
        Assert.Equal(16.7m, later.Interpretation().Dec("change"));
        Assert.True(later.Interpretation().Bool("meaningful"));
        Assert.Equal("better", later.Interpretation().GetProperty("direction").GetString());
        Assert.Equal("Invented for the tests", later.Interpretation().GetProperty("source").GetString());

        var listed = await (await person.Client.GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([91.7m, 75m], listed.EnumerateArray().Select(o => o.GetProperty("score").GetDecimal()));
        var progress = await (await person.Client.GetAsync("/api/v1/me/progress")).ExpectAsync(HttpStatusCode.OK);
        var group = Assert.Single(progress.GetProperty("outcomes").EnumerateArray());
        Assert.Equal("Made-up Hip Check", group.GetProperty("name").GetString());
        Assert.Equal(16.7m, group.GetProperty("latest").Dec("change"));
    }

    [Theory]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-11-26", "answers": { "stiff": 1 } }""", "answers")]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-11-26" }""", "answers")]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-11-26", "answers": { "stiff": 1, "shoes": 1, "walk": 1, "knee": 2 } }""", "answers.knee")]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-11-26", "answers": { "stiff": 7, "shoes": 1, "walk": 1, "sleep": 1 } }""", "answers.stiff")]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-11-26", "answers": { "stiff": "very", "shoes": 1, "walk": 1, "sleep": 1 } }""", "answers.stiff")]
    [InlineData("""{ "instrument": "made-up-hip-check", "date": "2026-12-01", "answers": { "stiff": 1, "shoes": 1, "walk": 1, "sleep": 1 } }""", "date")]
    public async Task Pack_BadAnswers_Are400NamingTheField(string json, string field)
    {
        await using var app = AppWithPacks();
        var person = await app.SignUpAsync();
        await (await person.Client.PostRawAsync("/api/v1/me/outcomes", json)).ValidationProblemAsync(field);
        Assert.Equal(0, (await (await person.Client.GetAsync("/api/v1/me/outcomes")).ExpectAsync(HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task WithoutPacks_OnlyTheBuiltInsAreListed_AndThePackIdIsUnknown()
    {
        await using var app = new TestApp();
        var person = await app.SignUpAsync();
        var list = await (await person.Client.GetAsync("/api/v1/instruments")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(7, list.GetArrayLength());
        var problem = await (await person.Client.RecordAsync(Answers("2026-11-26", new { stiff = 1, shoes = 1, walk = 1, sleep = 1 }))).ValidationProblemAsync("instrument");
        Assert.Contains("made-up-hip-check", problem.GetProperty("errors").GetProperty("instrument")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidPack_StopsTheAppAtStartUp_NamingTheFileAndField()
    {
        var broken = File.ReadAllText(Path.Combine(_folder, "made-up-hip-check.json"))
            .Replace("\"direction\": \"higher-is-better\"", "\"direction\": \"sideways\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_folder, "made-up-hip-check.json"), broken);
        await using var app = AppWithPacks();
        var error = Record.Exception(() => app.CreateClient());
        Assert.NotNull(error);
        Assert.Contains("made-up-hip-check.json: direction:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfiguredFolderThatDoesNotExist_StopsTheAppAtStartUp()
    {
        await using var app = AppWithPacks(Path.Combine(_folder, "missing"));
        var error = Record.Exception(() => app.CreateClient());
        Assert.NotNull(error);
        Assert.Contains("does not exist", error.ToString(), StringComparison.Ordinal);
    }
}
