using System.Text.Json.Nodes;
using HipRehab.Core.Library;
using HipRehab.Core.Outcomes;

namespace HipRehab.Core.Tests.Outcomes;

/// <summary>The pack loader and scorer against a small made-up pack (TestData/instruments); no licensed pack is used.</summary>
public class InstrumentPackTests
{
    private const string FileName = "made-up-hip-check.json";
    private static readonly DateOnly s_day = Intakes.Today;

    private static string PackJson() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "instruments", FileName));

    private static InstrumentPack Pack() => Assert.Single(InstrumentPackLoader.Load([new ContentFile(FileName, PackJson())]).Packs);

    private static IReadOnlyList<string> ErrorsFor(Action<JsonObject> breakIt, string fileName = FileName)
    {
        var json = JsonNode.Parse(PackJson())!.AsObject();
        breakIt(json);
        var result = InstrumentPackLoader.Load([new ContentFile(fileName, json.ToJsonString())]);
        Assert.Empty(result.Packs);
        return result.Errors;
    }

    private static Dictionary<string, int?> Answers(int? stiff, int? shoes, int? walk, int? sleep) =>
        new() { ["stiff"] = stiff, ["shoes"] = shoes, ["walk"] = walk, ["sleep"] = sleep };

    [Fact]
    public void Load_TheMadeUpPack_ReadsEveryField()
    {
        var pack = Pack();
        Assert.Equal("made-up-hip-check", pack.Id);
        Assert.Equal(4, pack.Items.Count);
        Assert.Equal(5, pack.Items[0].Options.Count);
        Assert.Equal(PackMethod.Mean, pack.Scoring.Method);
        Assert.True(pack.Scoring.RescaleTo100);
        Assert.True(pack.Scoring.Reverse);
        Assert.Equal(10m, pack.MeaningfulChange);
        Assert.Equal(ScoreDirection.HigherIsBetter, pack.Direction);
        Assert.Contains("Invented", pack.LicenceNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFiles_IsFine_BecauseNoPackShips()
    {
        var result = InstrumentPackLoader.Load([]);
        Assert.Empty(result.Packs);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Repository_ShipsNoPack_OnlyTheFormatDocument()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HipRehab.slnx")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        // The format document, and the ignore file that keeps an operator's pack files out of git.
        var shipped = Directory.GetFiles(Path.Combine(dir.FullName, "content", "instruments")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal([".gitignore", "README.md"], shipped);
    }

    [Theory]
    [InlineData(1, 2, 1, 0, 75)]     // mean 1 of 0–4 → 25 → reversed 75
    [InlineData(0, 0, 0, 0, 100)]
    [InlineData(4, 4, 4, 4, 0)]
    [InlineData(1, 2, 2, 2, 56.3)]   // mean 1.75 → 43.75 → 56.25 → 56.3 (1 decimal, half away from zero)
    [InlineData(4, 4, 4, null, 0)]   // one missing item is allowed
    public void Score_MeanRescaledReversed(int? stiff, int? shoes, int? walk, int? sleep, double expected)
    {
        var result = PackScorer.Score(Pack(), s_day, Answers(stiff, shoes, walk, sleep));
        Assert.True(result.IsValid);
        Assert.Equal((decimal)expected, result.Value!.Score);
    }

    [Fact]
    public void Score_TooManyMissing_UnknownItemsAndOptions_AreRefusedByField()
    {
        Assert.Contains("answers", PackScorer.Score(Pack(), s_day, Answers(1, null, null, 2)).Errors.Keys);
        var bad = PackScorer.Score(Pack(), s_day, new Dictionary<string, int?> { ["stiff"] = 5, ["shoes"] = 1, ["walk"] = 1, ["sleep"] = 1, ["knee"] = 2 });
        Assert.Contains("answers.stiff", bad.Errors.Keys);
        Assert.Contains("answers.knee", bad.Errors.Keys);
        Assert.False(bad.IsValid);
    }

    [Fact]
    public void Score_Sum_WithoutRescale_AddsTheScores()
    {
        var json = JsonNode.Parse(PackJson())!.AsObject();
        json["scoring"] = new JsonObject { ["method"] = "sum", ["rescaleTo100"] = false, ["reverse"] = false, ["maxMissing"] = 0, ["decimals"] = 0 };
        json["direction"] = "lower-is-better";
        var pack = Assert.Single(InstrumentPackLoader.Load([new ContentFile(FileName, json.ToJsonString())]).Packs);
        Assert.Equal((0m, 16m), pack.Range);
        Assert.Equal(7m, PackScorer.Score(pack, s_day, Answers(1, 2, 4, 0)).Value!.Score);
        Assert.Contains("answers", PackScorer.Score(pack, s_day, Answers(1, 2, 4, null)).Errors.Keys);
    }

    [Fact]
    public void Interpret_ChangeFromBaseline_UsesThePacksMeaningfulChangeAndDirection()
    {
        var pack = Pack();
        var baseline = PackScorer.Score(pack, s_day.AddDays(-42), Answers(2, 2, 2, 2)).Value!; // 50
        var better = PackScorer.Score(pack, s_day, Answers(1, 2, 1, 0)).Value!; // 75
        var little = PackScorer.Score(pack, s_day, Answers(2, 2, 2, 1)).Value!; // 56.3

        var i = PackScorer.Interpret(pack, better, baseline);
        Assert.Equal(ChangeDirection.Better, i.Change!.Direction);
        Assert.True(i.Change.Meaningful);
        Assert.Contains("higher is better", i.Text, StringComparison.Ordinal);
        Assert.False(PackScorer.Interpret(pack, little, baseline).Change!.Meaningful);
        Assert.Null(PackScorer.Interpret(pack, baseline, baseline).Change);
    }

    [Fact]
    public void Load_ABrokenPack_IsLeftOut_WhileAGoodOneStillLoads()
    {
        var broken = JsonNode.Parse(PackJson())!.AsObject();
        broken["id"] = "other-pack";
        broken.Remove("licence");
        var result = InstrumentPackLoader.Load([new ContentFile(FileName, PackJson()), new ContentFile("other-pack.json", broken.ToJsonString())]);
        Assert.Equal("made-up-hip-check", Assert.Single(result.Packs).Id);
        Assert.Equal(["other-pack.json: licence: is required: an object with a 'note' saying who licenses the instrument and on what terms"], result.Errors);
    }

    public static TheoryData<string, string> BrokenFields() => new()
    {
        { "licence", "licence" },
        { "licence.note", "licence.note" },
        { "name", "name" },
        { "instructions", "instructions" },
        { "direction", "direction" },
        { "scoring", "scoring" },
        { "scoring.method", "scoring.method" },
        { "scoring.decimals", "scoring.decimals" },
        { "items", "items" },
        { "items[1].text", "items[1].text" },
        { "items[2].options", "items[2].options" },
        { "meaningfulChange", "meaningfulChange" },
        { "meaningfulChange.points", "meaningfulChange.points" },
        { "meaningfulChange.source", "meaningfulChange.source" },
    };

    [Theory]
    [MemberData(nameof(BrokenFields))]
    public void Load_AMissingField_IsReportedWithFileAndField(string remove, string field)
    {
        var errors = ErrorsFor(json =>
        {
            var parts = remove.Split('.');
            JsonObject target = json;
            foreach (var part in parts[..^1])
            {
                target = part.StartsWith("items[", StringComparison.Ordinal)
                    ? json["items"]![int.Parse(part[6..^1], System.Globalization.CultureInfo.InvariantCulture)]!.AsObject()
                    : target[part]!.AsObject();
            }

            target.Remove(parts[^1]);
        });
        Assert.Contains(errors, e => e.StartsWith($"{FileName}: {field}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsEachKindOfBadValue()
    {
        Assert.Contains(ErrorsFor(j => j["id"] = "something-else"), e => e.StartsWith($"{FileName}: id: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["format"] = 2), e => e.StartsWith($"{FileName}: format: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["id"] = "nprs", "nprs.json"), e => e.Contains("built-in", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["direction"] = "up"), e => e.StartsWith($"{FileName}: direction: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["items"]![0]!["options"]![1]!["score"] = 0), e => e.StartsWith($"{FileName}: items[0].options[1].score: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["items"]![3]!["id"] = "stiff"), e => e.StartsWith($"{FileName}: items[3].id: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["scoring"]!["method"] = "sum"), e => e.StartsWith($"{FileName}: scoring.maxMissing: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["scoring"]!["maxMissing"] = 4), e => e.StartsWith($"{FileName}: scoring.maxMissing: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["meaningfulChange"]!["points"] = 0), e => e.StartsWith($"{FileName}: meaningfulChange.points: ", StringComparison.Ordinal));
        Assert.Contains(ErrorsFor(j => j["meaningfulChange"]!["points"] = 150), e => e.Contains("larger than the whole score range", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NullMeaningfulChange_MeansTrendOnly()
    {
        var json = JsonNode.Parse(PackJson())!.AsObject();
        json["meaningfulChange"] = null;
        var pack = Assert.Single(InstrumentPackLoader.Load([new ContentFile(FileName, json.ToJsonString())]).Packs);
        var a = PackScorer.Score(pack, s_day.AddDays(-9), Answers(4, 4, 4, 4)).Value!;
        var b = PackScorer.Score(pack, s_day, Answers(0, 0, 0, 0)).Value!;
        Assert.Null(PackScorer.Interpret(pack, b, a).Change!.Meaningful);
    }

    [Fact]
    public void Load_InvalidJson_NamesTheFile() =>
        Assert.StartsWith("broken.json: (file): not valid JSON", Assert.Single(InstrumentPackLoader.Load([new ContentFile("broken.json", "{ nope")]).Errors), StringComparison.Ordinal);
}
