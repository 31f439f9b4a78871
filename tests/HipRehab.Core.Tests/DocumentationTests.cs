using System.Text.RegularExpressions;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Tests;

/// <summary>
/// What the code cites is in the repository: every rule the product serves is on
/// docs/clinical-rules.md, and every docs/… page a source file names exists.
/// </summary>
public partial class DocumentationTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HipRehab.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (HipRehab.slnx) was not found above the test folder.");
    }

    [Fact]
    public void EveryRuleOfTheCatalogue_IsOnTheClinicalRulesPage()
    {
        var page = File.ReadAllText(Path.Combine(Root(), "docs", "clinical-rules.md"));
        var missing = RuleCatalogue.All.Where(r => !Regex.IsMatch(page, $@"\|\s*{Regex.Escape(r.Id)}(?![\w-])")).Select(r => r.Id).ToList();
        Assert.True(missing.Count == 0, $"Not on docs/clinical-rules.md: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryDocsPageTheSourcesCite_Exists()
    {
        var root = Root();
        var cited = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".md", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in DocsLink().Matches(File.ReadAllText(file)))
            {
                cited.Add(m.Value);
            }
        }

        Assert.Contains("docs/api.md", cited);
        Assert.Contains("docs/clinical-rules.md", cited);
        Assert.All(cited, page => Assert.True(File.Exists(Path.Combine(root, page)), $"{page} is cited but missing"));
    }

    [GeneratedRegex(@"docs/[\w-]+\.md")]
    private static partial Regex DocsLink();
}
