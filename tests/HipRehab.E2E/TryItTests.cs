namespace HipRehab.E2E;

/// <summary>The Try-it journey in a real browser: answer the intake, see the screening and the plan preview.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TryItTests(BrowserFixture browser)
{
    private static async Task FillTypicalAsync(IPage page)
    {
        await page.FillAsync("#birthYear", "1956");
        await page.CheckAsync("#sex-female");
        await page.CheckAsync("#painSide-left");
        await page.CheckAsync("#painLocation-groin");
        await page.CheckAsync("#cause-osteoarthritis");
        await page.CheckAsync("#painNow-4");
        await page.CheckAsync("#pregnant-no");
        await page.CheckAsync("#getDownToFloor-yes");
        await page.CheckAsync("#kneel-no");
        await page.CheckAsync("#standWithoutSupport-yes");
        await page.CheckAsync("#equipment-chair");
        await page.CheckAsync("#equipment-wall");
        await page.CheckAsync("#goals-walking");
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task TryIt_TypicalAnswers_ShowAPlanWithReasonsAndExclusions(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/try-it");
        await FillTypicalAsync(page);
        await page.ClickAsync("button:has-text('Show my plan')");

        await page.WaitForSelectorAsync("#result");
        Assert.Equal("clear", await page.GetAttributeAsync("#screening-outcome", "data-outcome"));
        var items = page.Locator("li.plan-item");
        Assert.InRange(await items.CountAsync(), 6, 10);
        var families = await items.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.family)");
        var excluded = await page.Locator("li.excluded-item").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.family)");
        Assert.Equal(10, families.Length + excluded.Length);

        // Cannot kneel: the hip flexor stretch is the standing version, and says why (CX2).
        var hipFlexor = page.Locator("li.plan-item[data-family='hip-flexor-stretch']");
        Assert.Equal("hip-flexor-stretch-standing-lunge", await hipFlexor.GetAttributeAsync("data-exercise-id"));
        Assert.True(await hipFlexor.Locator("li.why[data-rule-id='CX2']").CountAsync() > 0);

        // No band: the banded abduction family is not planned with a band.
        Assert.DoesNotContain("banded-hip-abduction-anchored-band", await items.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.exerciseId)"));

        await Accessibility.AssertNoViolationsAsync(page, $"the Try-it result at {width}x{height}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TryIt_RedFlag_ShowsUrgentAdviceFirst_AndNoExercises()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/try-it");
        await FillTypicalAsync(page);
        await page.CheckAsync("#redFlags-bladder-bowel-saddle-both-legs");
        await page.ClickAsync("button:has-text('Show my plan')");

        await page.WaitForSelectorAsync("#result");
        Assert.Equal("urgent-care", await page.GetAttributeAsync("#screening-outcome", "data-outcome"));
        Assert.Equal(1, await page.Locator("#screening-outcome li.finding[data-rule-id='RF3']").CountAsync());
        Assert.Equal(0, await page.Locator("li.plan-item").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page, "the urgent-care result");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TryIt_MissingAnswers_ShowAnErrorSummary_AndKeepTheAnswersGiven()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/try-it");
        await page.FillAsync("#birthYear", "1956");
        await page.ClickAsync("button:has-text('Show my plan')");

        await page.WaitForSelectorAsync("#error-summary");
        var fields = await page.Locator("#error-summary a[data-field]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.field)");
        Assert.Contains("sex", fields);
        Assert.Contains("painNow", fields);
        Assert.Equal("1956", await page.InputValueAsync("#birthYear"));
        Assert.Equal("true", await page.GetAttributeAsync("#sex-female", "aria-invalid"));
        Assert.True(await page.Locator("#sex-error").IsVisibleAsync());
        Assert.Null(await page.GetAttributeAsync("#birthYear", "aria-invalid") is "true" ? "invalid" : null);
        Assert.Equal(0, await page.Locator("li.plan-item").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page, "the Try-it form with errors");
        await page.Context.CloseAsync();
    }
}
