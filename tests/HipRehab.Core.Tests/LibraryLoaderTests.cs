using System.Text.Json.Nodes;
using HipRehab.Core.Library;

namespace HipRehab.Core.Tests;

/// <summary>The loader against synthetic content built here, so each broken file has exactly one known fault.</summary>
public class LibraryLoaderTests
{
    private const string File = "test-family.json";

    private static JsonObject Variant(int level, bool fromArticle) => new()
    {
        ["id"] = $"test-family-level-{level}",
        ["name"] = $"Level {level}",
        ["level"] = level,
        ["fromArticle"] = fromArticle,
        ["position"] = "sitting",
        ["laterality"] = "both-together",
        ["supported"] = false,
        ["equipment"] = new JsonArray("chair"),
        ["demands"] = new JsonArray("external-rotation"),
        ["goals"] = new JsonArray("strength"),
        ["defaultDose"] = new JsonObject
        {
            ["sets"] = 1, ["reps"] = 10, ["holdSeconds"] = null, ["restSeconds"] = 60,
            ["perSide"] = false, ["band"] = null, ["daysPerWeek"] = 3,
        },
        ["progression"] = new JsonObject
        {
            ["maxReps"] = 15, ["maxSets"] = 3, ["maxHoldSeconds"] = null, ["holdStepSeconds"] = null, ["maxBand"] = null,
        },
        ["steps"] = new JsonArray("Sit tall.", "Press the knees out."),
        ["cues"] = new JsonArray("Breathe out as you press."),
        ["mistakes"] = new JsonArray("Rushing."),
        ["cautions"] = new JsonArray("Stop if it hurts more than 5 out of 10."),
        ["ruleIds"] = new JsonArray("D7", "PM1"),
    };

    private static JsonObject Family(int levels = 3) => new()
    {
        ["family"] = "test-family",
        ["familyName"] = "Test family",
        ["category"] = "strengthening",
        ["summary"] = "A family made up for a test.",
        ["variants"] = new JsonArray([.. Enumerable.Range(1, levels).Select(l => (JsonNode)Variant(l, fromArticle: l == 2))]),
    };

    private static JsonObject VariantAt(JsonObject family, int index) => family["variants"]![index]!.AsObject();

    private static LibraryLoadResult Load(JsonObject family, string fileName = File) =>
        LibraryLoader.Load([new ContentFile(fileName, family.ToJsonString())]);

    private static void AssertSingleErrorNaming(LibraryLoadResult result, string fileName, string field)
    {
        Assert.Null(result.Library);
        Assert.Contains(result.Errors, e => e.Contains(fileName, StringComparison.Ordinal) && e.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ValidSyntheticFamily_GivesALibrary()
    {
        var result = Load(Family());
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Library);
        Assert.Equal(3, result.Library.FindFamily("test-family")!.Variants.Count);
        Assert.Equal("test-family-level-2", result.Library.FindFamily("test-family")!.ArticleVariant.Id);
    }

    [Fact]
    public void Load_UnknownDemand_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 0)["demands"] = new JsonArray("external-rotation", "cartwheel");
        var result = Load(family);
        AssertSingleErrorNaming(result, File, "variants[0].demands[1]");
        Assert.Contains(result.Errors, e => e.Contains("cartwheel", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownEquipment_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 1)["equipment"] = new JsonArray("trampoline");
        AssertSingleErrorNaming(Load(family), File, "variants[1].equipment[0]");
    }

    [Fact]
    public void Load_UnknownGoal_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 2)["goals"] = new JsonArray("strength", "flying");
        AssertSingleErrorNaming(Load(family), File, "variants[2].goals[1]");
    }

    [Fact]
    public void Load_GapInLevels_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 2)["level"] = 4;
        AssertSingleErrorNaming(Load(family), File, "variants.level");
    }

    [Fact]
    public void Load_TwoArticleVariants_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 0)["fromArticle"] = true;
        AssertSingleErrorNaming(Load(family), File, "fromArticle");
    }

    [Fact]
    public void Load_NoArticleVariant_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 1)["fromArticle"] = false;
        AssertSingleErrorNaming(Load(family), File, "fromArticle");
    }

    [Fact]
    public void Load_FewerThanThreeLevels_NamesFileAndField()
    {
        var result = Load(Family(levels: 2));
        AssertSingleErrorNaming(result, File, "variants");
        Assert.Contains(result.Errors, e => e.Contains(File, StringComparison.Ordinal) && e.Contains("at least 3", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MalformedJson_NamesFile()
    {
        var result = LibraryLoader.Load([new ContentFile("broken.json", "{ \"family\": \"broken\", ")]);
        Assert.Null(result.Library);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("broken.json: ", error, StringComparison.Ordinal);
        Assert.Contains("JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateVariantId_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 2)["id"] = "test-family-level-1";
        var result = Load(family);
        AssertSingleErrorNaming(result, File, "variants.id");
        Assert.Contains(result.Errors, e => e.Contains("test-family-level-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownRuleId_NamesFileAndField()
    {
        var family = Family();
        VariantAt(family, 0)["ruleIds"] = new JsonArray("D7", "XX9");
        AssertSingleErrorNaming(Load(family), File, "variants[0].ruleIds[1]");
    }

    [Fact]
    public void Load_FamilyIdNotMatchingFileName_NamesFileAndField() =>
        AssertSingleErrorNaming(Load(Family(), "other-name.json"), "other-name.json", "family");

    [Fact]
    public void Load_OneBrokenFileAmongGoodOnes_GivesNoLibrary_AndNamesOnlyTheBrokenFile()
    {
        var broken = Family();
        VariantAt(broken, 0)["demands"] = new JsonArray("cartwheel");
        var files = TestLibrary.Files().Append(new ContentFile(File, broken.ToJsonString())).ToList();

        var result = LibraryLoader.Load(files);

        Assert.Null(result.Library);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.StartsWith(File + ": ", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ReportsEveryProblemAtOnce()
    {
        var family = Family();
        VariantAt(family, 0)["demands"] = new JsonArray("cartwheel");
        VariantAt(family, 1)["equipment"] = new JsonArray("trampoline");
        var result = Load(family);
        Assert.Null(result.Library);
        Assert.Contains(result.Errors, e => e.Contains("variants[0].demands[0]", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Contains("variants[1].equipment[0]", StringComparison.Ordinal));
    }
}
