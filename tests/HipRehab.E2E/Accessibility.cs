using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace HipRehab.E2E;

public static class Accessibility
{
    /// <summary>WCAG 2.0–2.2 A and AA. wcag22aa must be named or target-size is not checked.</summary>
    private static readonly List<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = Tags } });
        Assert.True(results.Passes.Length > 0, $"axe ran no passing rule on {what}: it did not really run");
        var report = string.Join("\n", results.Violations.Select(v =>
            $"  {v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => $"      {n.Html}"))));
        Assert.True(results.Violations.Length == 0, $"axe found {results.Violations.Length} WCAG 2.2 AA violations on {what}:\n{report}");
    }
}
