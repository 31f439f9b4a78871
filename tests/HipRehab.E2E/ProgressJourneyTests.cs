using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HipRehab.E2E;

/// <summary>
/// Issue 5 in a real browser: a person sees the progress checks due on Today, records a pain
/// rating, a PSFS (refused with fewer than 3 activities), a chair stand, a weight and some
/// walking; a very high pain rating at a morning check-in raises an alert; the progress page then
/// shows every figure as a chart with its table, also when printed. axe (WCAG 2.2 AA) checks every
/// page and every error state at phone and desktop sizes.
/// </summary>
[Collection(ProgressCollection.Name)]
public sealed class ProgressJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task Person_RecordsChecksWeightAndActivity_AndSeesProgressAndAlerts(string viewport)
    {
        var (_, width, height) = BrowserFixture.Viewports.Single(v => v.Name == viewport);
        var person = new PersonJourney(await browser.NewPageAsync(width, height), viewport);
        var page = person.Page;
        await person.RegisterAsync();
        await person.LogInAsync();
        await person.AnswerIntakeAsync();
        await person.MakePlanAsync();

        // Today: the start's checks are due, each with a way to record it.
        await page.GotoAsync("/me/today");
        var due = page.Locator("#due-measures li.due-measure");
        Assert.True(await due.CountAsync() >= 5, "the start's progress checks are not listed on Today");
        await Expect(page.Locator("#due-measures li.due-measure[data-instrument='psfs'] a.record-measure")).ToBeVisibleAsync();
        await person.CheckAsync("today with progress checks due");

        // PSFS from Today: two activities are not enough; three are.
        await page.Locator("#due-measures li.due-measure[data-instrument='psfs'] a.record-measure").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/me/measures/psfs$"));
        await person.CheckAsync("record activities");
        await page.FillAsync("#activity-0-name", "Climbing stairs");
        await page.FillAsync("#activity-0-score", "4");
        await page.FillAsync("#activity-1-name", "Putting on socks");
        await page.FillAsync("#activity-1-score", "5");
        await page.ClickAsync("#save-measure");
        await Expect(page.Locator("#measure-errors a[data-field='activities']")).ToBeVisibleAsync();
        await person.CheckAsync("record activities with an error");
        await page.FillAsync("#activity-2-name", "Walking to the shop");
        await page.FillAsync("#activity-2-score", "6");
        await page.ClickAsync("#save-measure");
        await Expect(page).ToHaveURLAsync(new Regex("/me/measures$"));
        await Expect(page.Locator("#saved-result")).ToHaveAttributeAsync("data-instrument", "psfs");
        await Expect(page.Locator("#saved-result a.rule-link[data-rule-id='OM2']")).ToBeVisibleAsync();
        await person.CheckAsync("progress checks after saving one");
        await Expect(page.Locator("#due-list li[data-instrument='psfs']")).ToHaveCountAsync(0); // done for now

        // A pain rating: nothing chosen is refused with the field named; then 6.
        await page.ClickAsync("#record-nprs");
        await Expect(page).ToHaveURLAsync(new Regex("/me/measures/nprs$"));
        await person.CheckAsync("record a pain rating");
        await page.ClickAsync("#save-measure");
        await Expect(page.Locator("#measure-errors a[data-field='value']")).ToBeVisibleAsync();
        await person.CheckAsync("record a pain rating with an error");
        await page.CheckAsync("#value-6");
        await page.ClickAsync("#save-measure");
        await Expect(page.Locator("#saved-result")).ToHaveAttributeAsync("data-instrument", "nprs");
        await Expect(page.Locator("#saved-result a.rule-link[data-rule-id='OM1']")).ToBeVisibleAsync();

        // Chair stand: read against the norm for her age and sex (born 1956, female: 70–74).
        await page.ClickAsync("#record-chair-stand-30s");
        await page.FillAsync("#value", "9");
        await page.ClickAsync("#save-measure");
        await Expect(page.Locator("#saved-result")).ToHaveAttributeAsync("data-instrument", "chair-stand-30s");
        await Expect(page.Locator("#saved-result a.rule-link[data-rule-id='OM5']")).ToBeVisibleAsync();

        // Weight and walking.
        await page.FillAsync("#weight-kg", "heavy");
        await page.ClickAsync("#save-weight");
        await Expect(page.Locator("#weight-errors a[data-field='weightKg']")).ToBeVisibleAsync();
        await person.CheckAsync("weight with an error");
        await page.FillAsync("#weight-kg", "71.5");
        await page.ClickAsync("#save-weight");
        await Expect(page.Locator("#done-notice")).ToContainTextAsync("weight is saved");
        await page.FillAsync("#activity-minutes", "35");
        await page.CheckAsync("#kind-walking");
        await page.ClickAsync("#save-activity");
        await Expect(page.Locator("#done-notice")).ToContainTextAsync("activity is saved");

        // A morning check-in with pain 8 raises an alert that tells her what to do.
        await page.GotoAsync("/me/check-in");
        await page.CheckAsync("#usualPain-8");
        await page.CheckAsync("#settled-yes");
        await page.ClickAsync("#save-check-in");
        await Expect(page.Locator("#checkin-alerts li[data-rule-id='E5']")).ToBeVisibleAsync();

        // Progress: every figure as a chart with its table, the alert on top.
        await page.GotoAsync("/me/progress");
        await Expect(page.Locator("#progress-alerts li[data-rule-id='E5']")).ToBeVisibleAsync();
        await Expect(page.Locator("#pain-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("#pain-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#baseline-pain")).ToHaveAttributeAsync("data-value", "8");
        await Expect(page.Locator("article.outcome-progress")).ToHaveCountAsync(3);
        await Expect(page.Locator("article.outcome-progress[data-instrument='psfs'] .outcome-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("article.outcome-progress[data-instrument='psfs'] .outcome-latest")).ToContainTextAsync("5");
        await Expect(page.Locator("#weight-table tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#weight-words")).ToContainTextAsync(new Regex("Your BMI is|Your latest weight is 71.5 kg")); // never a bare rule link
        await Expect(page.Locator("#activity-words")).ToHaveAttributeAsync("data-minutes", "35");
        await Expect(page.Locator("#activity-chart")).ToBeVisibleAsync();
        await person.CheckAsync("progress");

        // Printed: the menus go, the charts and tables stay.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("nav.account-nav")).ToBeHiddenAsync();
        await Expect(page.Locator("#pain-chart")).ToBeVisibleAsync();
        await Expect(page.Locator("#activity-table")).ToBeVisibleAsync();
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The same figures through the API, so the page and GET /api/v1/me/progress agree.
        var api = page.Context.APIRequest;
        var login = await api.PostAsync("/api/v1/auth/login", new() { DataObject = new { email = person.Email, password = PersonJourney.Password } });
        var token = (await login.JsonAsync())!.Value.GetProperty("accessToken").GetString();
        var progress = (await (await api.GetAsync("/api/v1/me/progress", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } })).JsonAsync())!.Value;
        Assert.Equal(8m, progress.GetProperty("baselinePain").GetDecimal());
        Assert.Equal(3, progress.GetProperty("outcomes").GetArrayLength());
        Assert.Equal(35, progress.GetProperty("activity").GetProperty("thisWeek").GetProperty("minutes").GetInt32());
        var weights = progress.GetProperty("weight").GetProperty("series");
        Assert.Equal(1, weights.GetArrayLength());
        Assert.Equal(71.5m, weights[0].GetProperty("weightKg").GetDecimal());
        Assert.Contains("71.5", await page.InnerTextAsync("#weight-table tbody"), StringComparison.Ordinal);

        string[] expected = ["today with progress checks due", "record activities", "record a pain rating", "record a pain rating with an error", "progress checks after saving one",
            "record activities with an error", "weight with an error", "progress"];
        Assert.Empty(expected.Except(person.Checked));
    }
}

[CollectionDefinition(Name)]
public sealed class ProgressCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "progress";
}
