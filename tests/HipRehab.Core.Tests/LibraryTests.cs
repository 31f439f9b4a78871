using HipRehab.Core.Library;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>The shipped content (content/exercises) against docs/api.md and docs/clinical-rules.md §2.2, §3.</summary>
public class LibraryTests
{
    private static readonly string[] s_families =
    [
        "glute-bridge", "clamshell", "squat", "side-lying-leg-lift", "banded-hip-abduction",
        "hip-flexor-stretch", "piriformis-stretch", "hamstring-stretch", "it-band-stretch", "calf-stretch",
    ];

    // The article says "repeat on both sides" / "switch legs" for these (D8).
    public static TheoryData<string> EachSideArticleFamilies() =>
    [
        "clamshell", "side-lying-leg-lift", "banded-hip-abduction",
        "hip-flexor-stretch", "piriformis-stretch", "hamstring-stretch", "it-band-stretch", "calf-stretch",
    ];

    public static TheoryData<string> Families() => [.. s_families];

    public static TheoryData<string> StretchFamilies() =>
        ["hip-flexor-stretch", "piriformis-stretch", "hamstring-stretch", "it-band-stretch", "calf-stretch"];

    private static ExerciseLibrary Library => TestLibrary.Library;

    [Fact]
    public void ShippedContent_LoadsWithoutErrors()
    {
        var result = LibraryLoader.Load(TestLibrary.Files());
        Assert.Empty(result.Errors);
        Assert.NotNull(result.Library);
    }

    [Fact]
    public void Library_HasExactlyTheTenArticleFamilies()
    {
        Assert.Equal(s_families.Order(StringComparer.Ordinal), Library.Families.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Families))]
    public void Family_HasAtLeastThreeLevelsWithoutGaps_AndExactlyOneArticleVersion(string familyId)
    {
        var family = TestLibrary.Family(familyId);
        Assert.True(family.Variants.Count >= 3, $"{familyId} has {family.Variants.Count} levels");
        Assert.Equal(Enumerable.Range(1, family.Variants.Count), family.Variants.Select(v => v.Level));
        Assert.Single(family.Variants, v => v.FromArticle);
        Assert.All(family.Variants, v => Assert.Equal(family.Category, v.Category));
        Assert.All(family.Variants, v => Assert.Equal(familyId, v.Family));
    }

    [Fact]
    public void Categories_MatchTheArticle_FiveStrengtheningAndFiveStretching()
    {
        Assert.Equal(5, Library.Families.Count(f => f.Category == Category.Strengthening));
        Assert.Equal(5, Library.Families.Count(f => f.Category == Category.Stretching));
        Assert.Equal(Category.Stretching, TestLibrary.Family("calf-stretch").Category);
        Assert.Equal(Category.Strengthening, TestLibrary.Family("squat").Category);
    }

    [Fact]
    public void ArticlePiriformisStretch_DemandsCrossingExternalRotationDeepFlexionAndForwardLean()
    {
        var demands = TestLibrary.Family("piriformis-stretch").ArticleVariant.Demands;
        Assert.Contains(Demand.AdductionPastMidline, demands);
        Assert.Contains(Demand.ExternalRotation, demands);
        Assert.Contains(Demand.HipFlexionOver90, demands);
        Assert.Contains(Demand.ForwardLeanSeated, demands);
    }

    [Fact]
    public void ArticleItBandStretch_DemandsAdductionPastMidline() =>
        Assert.Contains(Demand.AdductionPastMidline, TestLibrary.Family("it-band-stretch").ArticleVariant.Demands);

    [Fact]
    public void ArticleHipFlexorStretch_DemandsKneeling()
    {
        var article = TestLibrary.Family("hip-flexor-stretch").ArticleVariant;
        Assert.Contains(Demand.Kneeling, article.Demands);
        Assert.Contains(Demand.HipExtensionPastNeutral, article.Demands);
    }

    [Theory]
    [InlineData("clamshell")]
    [InlineData("side-lying-leg-lift")]
    public void ArticleSideLyingExercise_DemandsSideLying(string familyId)
    {
        var article = TestLibrary.Family(familyId).ArticleVariant;
        Assert.Contains(Demand.SideLying, article.Demands);
        Assert.Contains(Demand.Lying, article.Demands);
    }

    [Fact]
    public void ArticleClamshell_DemandsExternalRotation_AndArticleLegLift_DemandsActiveAbduction()
    {
        Assert.Contains(Demand.ExternalRotation, TestLibrary.Family("clamshell").ArticleVariant.Demands);
        Assert.Contains(Demand.ActiveAbduction, TestLibrary.Family("side-lying-leg-lift").ArticleVariant.Demands);
        Assert.Contains(Demand.ActiveAbduction, TestLibrary.Family("banded-hip-abduction").ArticleVariant.Demands);
    }

    [Fact]
    public void ArticleBridge_IsLyingOnTheBack()
    {
        var bridge = TestLibrary.Family("glute-bridge").ArticleVariant;
        Assert.Contains(Demand.Supine, bridge.Demands);
        Assert.NotNull(bridge.DefaultDose.HoldSeconds); // D8: "hold for a few seconds at the top"
    }

    [Theory]
    [MemberData(nameof(EachSideArticleFamilies))]
    public void ArticleVariantOfAOneSidedExercise_IsDoneOnEachSide(string familyId)
    {
        var article = TestLibrary.Family(familyId).ArticleVariant;
        Assert.Equal(Laterality.EachSide, article.Laterality);
        Assert.True(article.DefaultDose.PerSide, $"{article.Id} dose is not per side");
    }

    [Theory]
    [MemberData(nameof(StretchFamilies))]
    public void ArticleStretch_IsHeldThirtySeconds(string familyId)
    {
        var article = TestLibrary.Family(familyId).ArticleVariant;
        Assert.Equal(Category.Stretching, article.Category);
        Assert.Equal(30, article.DefaultDose.HoldSeconds);
    }

    [Fact]
    public void EveryRuleIdUsedByContent_IsInTheCatalogue()
    {
        var used = Library.Variants.SelectMany(v => v.RuleIds).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, id => Assert.True(RuleCatalogue.Contains(id), $"content cites unknown rule '{id}'"));
    }

    [Fact]
    public void VariantIds_AreUniqueAndStartWithTheirFamily()
    {
        var ids = Library.Variants.Select(v => v.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(Library.Variants, v => Assert.StartsWith(v.Family + "-", v.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void StartingDoses_FollowD7()
    {
        Assert.All(Library.Variants, v =>
        {
            var d = v.DefaultDose;
            if (v.Category == Category.Strengthening)
            {
                Assert.InRange(d.Sets, 1, 2);
                Assert.InRange(d.Reps ?? 0, 8, 10);
                Assert.Equal(3, d.DaysPerWeek);
            }
            else
            {
                Assert.InRange(d.Sets, 2, 3);
                Assert.InRange(d.HoldSeconds ?? 0, 30, 60);
                Assert.Equal(7, d.DaysPerWeek);
            }
        });
    }

    [Fact]
    public void ProgressionLimits_FollowPM5_RepsUpToFifteen_SetsUpToThree_BandsFromTheStartingColour()
    {
        Assert.All(Library.Variants, v =>
        {
            Assert.InRange(v.Progression.MaxSets, v.DefaultDose.Sets, 3);
            if (v.Progression.MaxReps is int maxReps)
            {
                Assert.InRange(maxReps, v.DefaultDose.Reps ?? 0, 15);
            }

            Assert.Equal(v.Equipment.Contains(Equipment.ResistanceBand), v.DefaultDose.Band.HasValue);
            if (v.Progression.MaxBand is Band maxBand)
            {
                Assert.True(maxBand >= v.DefaultDose.Band, $"{v.Id} tops out below its starting band");
            }
        });
    }

    [Fact]
    public void ItBandStretch_IsOmittedForOuterHipPain()
    {
        Assert.All(TestLibrary.Family("it-band-stretch").Variants, v => Assert.Contains(PainLocation.OuterHip, v.OmitForPainLocations));
    }
}
