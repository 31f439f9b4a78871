namespace HipRehab.E2E;

[Collection(BrowserCollection.Name)]
public sealed class PageAccessibilityTests(BrowserFixture browser)
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, _, _) in BrowserFixture.Viewports)
        {
            foreach (var path in new[] { "/", "/exercises", "/exercises?category=stretching&goal=walking", "/exercises/piriformis-stretch-seated-press", "/exercises/glute-bridge-squeeze-hold", "/try-it", "/rules", "/exercises/no-such-exercise" })
            {
                data.Add(name, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoWcag22AaViolations(string viewport, string path)
    {
        var (_, width, height) = BrowserFixture.Viewports.Single(v => v.Name == viewport);
        var page = await browser.NewPageAsync(width, height);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Equal(path.Contains("no-such", StringComparison.Ordinal) ? 404 : 200, response.Status);
        await Accessibility.AssertNoViolationsAsync(page, $"{path} at {viewport}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Home_SaysWhatItIsNot_AndLeadsToTryIt()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        var text = await page.InnerTextAsync("main");
        Assert.Contains("diagnos", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("physical therapist", text, StringComparison.OrdinalIgnoreCase);
        await page.ClickAsync("#try-it-button");
        Assert.EndsWith("/try-it", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rules_ShowConfidenceForEveryRule()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/rules");
        var confidences = await page.Locator("li.rule").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.confidence)");
        Assert.True(confidences.Length > 50, $"only {confidences.Length} rules shown");
        Assert.All(confidences, c => Assert.Contains(c, new[] { "C", "S", "U" }));
        Assert.Equal("U", await page.GetAttributeAsync("li.rule#PM4", "data-confidence"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Library_FiltersByCategory_AndLinksEasierAndHarderVersions()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/exercises");
        await page.SelectOptionAsync("#category", "stretching");
        await page.ClickAsync("button:has-text('Show exercises')");
        var families = await page.Locator("section.family").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.family)");
        Assert.NotEmpty(families);
        Assert.All(families, f => Assert.EndsWith("-stretch", f, StringComparison.Ordinal));

        await page.GotoAsync("/exercises/piriformis-stretch-seated-press");
        Assert.True(await page.Locator("a#easier").IsVisibleAsync());
        Assert.True(await page.Locator("a#harder").IsVisibleAsync());
        var demands = await page.Locator("li[data-demand]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.demand)");
        Assert.Contains("adduction-past-midline", demands);
        await page.Context.CloseAsync();
    }
}
