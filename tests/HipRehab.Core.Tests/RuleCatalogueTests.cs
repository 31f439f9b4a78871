using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

public class RuleCatalogueTests
{
    /// <summary>Every rule ID of docs/clinical-rules.md sections 1–7.</summary>
    private static readonly string[] s_documented =
    [
        .. Range("RF", 11), "THR-P", "THR-A", "THR-L", .. Range("CX", 7), .. Range("D", 8),
        .. Range("PM", 7), .. Range("OM", 7), .. Range("E", 6), .. Range("L", 4),
    ];

    private static IEnumerable<string> Range(string prefix, int count) => Enumerable.Range(1, count).Select(i => $"{prefix}{i}");

    public static TheoryData<string> DocumentedRuleIds() => [.. s_documented];

    [Fact]
    public void All_RuleIds_AreUnique()
    {
        var duplicates = RuleCatalogue.All.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void All_CoversEverySectionOneToSevenRule()
    {
        Assert.Equal(53, s_documented.Distinct().Count());
        Assert.Subset(RuleCatalogue.All.Select(r => r.Id).ToHashSet(), s_documented.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(DocumentedRuleIds))]
    public void DocumentedRule_IsInTheCatalogue(string id)
    {
        Assert.True(RuleCatalogue.Contains(id), $"{id} is missing from the rule catalogue");
        Assert.Equal(id, RuleCatalogue.Get(id).Id);
    }

    // The tags docs/clinical-rules.md gives where a rule carries exactly one confidence tag.
    [Theory]
    [InlineData("RF1", Confidence.C)]
    [InlineData("RF2", Confidence.C)]
    [InlineData("RF3", Confidence.C)]
    [InlineData("RF4", Confidence.S)]
    [InlineData("RF5", Confidence.C)]
    [InlineData("RF6", Confidence.C)]
    [InlineData("RF7", Confidence.C)]
    [InlineData("RF8", Confidence.C)]
    [InlineData("RF9", Confidence.C)]
    [InlineData("RF10", Confidence.S)]
    [InlineData("RF11", Confidence.S)]
    [InlineData("THR-P", Confidence.C)]
    [InlineData("THR-A", Confidence.C)]
    [InlineData("THR-L", Confidence.S)]
    [InlineData("CX1", Confidence.U)]
    [InlineData("CX2", Confidence.U)]
    [InlineData("CX3", Confidence.S)]
    [InlineData("CX5", Confidence.C)]
    [InlineData("CX6", Confidence.S)]
    [InlineData("CX7", Confidence.U)]
    [InlineData("D3", Confidence.S)]
    [InlineData("D4", Confidence.C)]
    [InlineData("D5", Confidence.C)]
    [InlineData("D6", Confidence.C)]
    [InlineData("D7", Confidence.U)]
    [InlineData("PM1", Confidence.C)]
    [InlineData("PM4", Confidence.U)]
    [InlineData("PM6", Confidence.C)]
    [InlineData("PM7", Confidence.S)]
    [InlineData("OM1", Confidence.C)]
    [InlineData("OM2", Confidence.C)]
    [InlineData("OM3", Confidence.U)]
    [InlineData("OM4", Confidence.U)]
    [InlineData("OM5", Confidence.C)]
    [InlineData("OM6", Confidence.C)]
    [InlineData("OM7", Confidence.C)]
    [InlineData("E2", Confidence.U)]
    [InlineData("E4", Confidence.C)]
    [InlineData("E5", Confidence.U)]
    [InlineData("E6", Confidence.U)]
    [InlineData("L1", Confidence.C)]
    [InlineData("L2", Confidence.C)]
    [InlineData("L3", Confidence.C)]
    [InlineData("L4", Confidence.C)]
    public void Rule_CarriesTheConfidenceTagOfClinicalRules(string id, Confidence expected) =>
        Assert.Equal(expected, RuleCatalogue.Get(id).Confidence);

    [Fact]
    public void EveryRule_HasATitleTextAndAtLeastOneSource()
    {
        Assert.All(RuleCatalogue.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title), $"{r.Id} has no title");
            Assert.False(string.IsNullOrWhiteSpace(r.Text), $"{r.Id} has no text");
            Assert.NotEmpty(r.Sources);
            Assert.All(r.Sources, s => Assert.False(string.IsNullOrWhiteSpace(s), $"{r.Id} has a blank source"));
        });
    }

    [Fact]
    public void Contains_IsFalseForAnUnknownId_AndCaseSensitive()
    {
        Assert.False(RuleCatalogue.Contains("RF99"));
        Assert.False(RuleCatalogue.Contains("rf1"));
        Assert.Throws<KeyNotFoundException>(() => RuleCatalogue.Get("RF99"));
    }
}
