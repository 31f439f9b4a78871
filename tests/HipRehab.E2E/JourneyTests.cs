using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HipRehab.E2E;

/// <summary>
/// The person's journeys J1–J3 in a real browser against a real server and SQLite file:
/// account, intake wizard, screening, plan, Today, the guided session player, the summary,
/// history and the morning check-in — with axe on every page at phone and desktop sizes.
/// </summary>
[Collection(JourneyCollection.Name)]
public sealed partial class JourneyTests(BrowserFixture browser)
{
    private static readonly string[] s_actions = ["progress", "hold", "regress", "stop"];
    private static readonly string[] s_actionWords = ["Next time: harder", "Same again", "Easier", "Stopped for today"];

    [Fact]
    public async Task Phone_WholeJourney_FromAccountToCheckIn_ThroughTheGuidedPlayer()
    {
        var page = await browser.NewPageAsync(390, 844);
        var me = new PersonJourney(page, "phone");

        await me.RegisterAsync();
        await me.LogInAsync();
        await me.CheckAsync("today before an intake");
        Assert.Equal("/me/intake", await page.GetAttributeAsync("#start-intake", "href"));

        await me.AnswerIntakeAsync(goBackOnce: true);
        var planned = await me.MakePlanAsync();

        await page.ClickAsync("#go-today");
        await Expect(page).ToHaveURLAsync(new Regex("/me/today$"));
        await me.CheckAsync("today with a plan");
        Assert.Equal("/me/session", await page.GetAttributeAsync("#start-session", "href"));

        // The guided player, with timers at 20 ms a second.
        await page.GotoAsync("/me/session?speed=fast");
        var form = page.Locator("#session-form");
        await Expect(form).ToHaveAttributeAsync("data-speed", "fast");
        await Expect(page.Locator("#player")).ToBeVisibleAsync();
        await Expect(page.Locator("#exercise-list")).ToBeHiddenAsync();
        await Expect(page.Locator("#save-session")).ToBeHiddenAsync();
        Assert.Equal("polite", await page.GetAttributeAsync("#player-live", "aria-live"));
        var start = await page.Locator("#player-start").BoundingBoxAsync();
        Assert.True(start!.Height >= 56, $"the Start button is {start.Height}px high");
        await me.CheckAsync("session player");

        await page.ClickAsync("#player-mute");
        Assert.Equal("true", await page.GetAttributeAsync("#player-mute", "aria-pressed"));

        var count = int.Parse(await form.GetAttributeAsync("data-count") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(count > 0);
        var driven = 0;
        var sawSwitch = false;
        for (var i = 0; i < count; i++)
        {
            await Expect(page.Locator("#player")).ToHaveAttributeAsync("data-exercise-index", i.ToString(CultureInfo.InvariantCulture));
            var exercise = await Exercise.ReadAsync(page, i);
            // Drive the first exercise, and the first each-side one; skip the rest to keep the test short.
            if (driven > 0 && (sawSwitch || !exercise.PerSide))
            {
                await page.ClickAsync("#player-skip");
                continue;
            }

            var phases = await me.DriveExerciseAsync(pain: 2, effort: 4, checkRating: driven == 0);
            driven++;
            sawSwitch |= exercise.PerSide;
            Assert.Equal("get-ready", phases[0]);
            Assert.Equal("rate", phases[^1]);
            Assert.Contains(exercise.Reps is null || exercise.Hold is not null ? "hold" : "reps", phases);
            Assert.Equal(exercise.PerSide, phases.Contains("switch-sides"));
            Assert.Equal(exercise.Sets > 1 && exercise.Rest > 0, phases.Contains("rest"));

            // The player wrote what was done into the plain form's own fields.
            Assert.Equal(exercise.Sets.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync($"#ex-{i}-sets"));
            if (exercise.Reps is int reps)
            {
                Assert.Equal(reps.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync($"#ex-{i}-reps"));
            }

            if (exercise.Hold is int hold)
            {
                Assert.Equal(hold.ToString(CultureInfo.InvariantCulture), await page.InputValueAsync($"#ex-{i}-hold"));
            }

            Assert.True(await page.IsCheckedAsync($"#ex-{i}-pain-2"));
            Assert.True(await page.IsCheckedAsync($"#ex-{i}-effort-4"));
            Assert.False(await page.IsCheckedAsync($"#ex-{i}-skipped"));
        }

        await Expect(page.Locator("#player")).ToHaveAttributeAsync("data-phase", "finish");
        await me.CheckAsync("player at the end");
        await page.ClickAsync("#player-pain-after-1");
        await page.ClickAsync("#player-finish");

        // The summary: one decision per exercise done, in plain words, with rule ids.
        await Expect(page).ToHaveURLAsync(SummaryUrl());
        var decisions = page.Locator("#decisions li.decision");
        await Expect(decisions).ToHaveCountAsync(driven);
        foreach (var decision in await decisions.AllAsync())
        {
            Assert.Contains(await decision.GetAttributeAsync("data-action"), s_actions);
            Assert.Contains((await decision.Locator(".decision-action").InnerTextAsync()).Trim(), s_actionWords);
            Assert.False(string.IsNullOrWhiteSpace(await decision.Locator(".decision-explanation").InnerTextAsync()));
            var rules = await decision.Locator("a.rule-link").AllAsync();
            Assert.NotEmpty(rules);
            foreach (var rule in rules)
            {
                Assert.Matches("^[A-Z]+[0-9]+$", await rule.GetAttributeAsync("data-rule-id") ?? "");
            }
        }

        await me.CheckAsync("session summary");

        // Someone else's or an unknown session: 404.
        var missing = await page.GotoAsync($"/me/session/summary/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await page.GoBackAsync();

        // The next morning's check-in, from the menu.
        await page.ClickAsync("nav.account-nav a[href='/me/check-in']");
        await Expect(page).ToHaveURLAsync(new Regex("/me/check-in$"));
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}$", await page.InputValueAsync("#date"));
        await me.CheckAsync("check-in");
        await page.CheckAsync("#usualPain-3");
        await page.CheckAsync("#settled-yes");
        await page.ClickAsync("#save-check-in");
        await Expect(page.Locator("#checkin-result")).ToHaveAttributeAsync("data-alert-count", "0");
        await Expect(page.Locator("#checkin-all-clear")).ToBeVisibleAsync();
        await me.CheckAsync("check-in saved");

        await page.ClickAsync("#back-to-today");
        await Expect(page).ToHaveURLAsync(new Regex("/me/today$"));
        await Expect(page.Locator("#sessions-today li.session-today")).ToHaveCountAsync(1);
        await me.CheckAsync("today after the session");

        Assert.True(me.Checked.Count >= 20, $"axe ran on only {me.Checked.Count} pages: {string.Join(", ", me.Checked)}");
        Assert.InRange(planned, 6, 10);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Desktop_PagesOfTheJourney_AreAccessible_AndTheSimpleFormLogsASession()
    {
        var page = await browser.NewPageAsync(1280, 900);
        var me = new PersonJourney(page, "desktop");

        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync(tryEmptyFirst: true);
        var planned = await me.MakePlanAsync();

        await page.GotoAsync("/me/today");
        await me.CheckAsync("today");

        await page.GotoAsync("/me/session");
        await Expect(page.Locator("#session-form")).ToHaveAttributeAsync("data-speed", "normal");
        await Expect(page.Locator("#player")).ToBeVisibleAsync();
        await me.CheckAsync("session player");

        // "Use the simple form instead" hands over to the plain form.
        await page.ClickAsync("#player-plain");
        await Expect(page.Locator("#player")).ToHaveCountAsync(0);
        await Expect(page.Locator("#exercise-list")).ToBeVisibleAsync();
        var count = await page.Locator("fieldset.session-exercise").CountAsync();
        for (var i = 0; i < count; i++)
        {
            await page.CheckAsync($"#ex-{i}-pain-1");
            await page.CheckAsync($"#ex-{i}-effort-3");
        }

        await me.CheckAsync("session simple form");
        await page.ClickAsync("#save-session");
        await Expect(page).ToHaveURLAsync(SummaryUrl());
        await Expect(page.Locator("#decisions li.decision")).ToHaveCountAsync(count);
        await me.CheckAsync("session summary");

        await page.ClickAsync("nav.account-nav a[href='/me/history']");
        await Expect(page.Locator("li.history-session")).ToHaveCountAsync(1);
        await Expect(page.Locator("li.history-session li.history-exercise")).ToHaveCountAsync(count);
        await Expect(page.Locator("li.history-session .decision[data-action]")).ToHaveCountAsync(count);
        await me.CheckAsync("history");

        await page.ClickAsync("nav.account-nav a[href='/me/check-in']");
        await me.CheckAsync("check-in");
        await page.ClickAsync("#save-check-in"); // nothing answered: errors, linked to their questions
        await Expect(page.Locator("#error-summary a[data-field='usualPain']")).ToBeVisibleAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#usualPain-0", "aria-invalid"));
        await me.CheckAsync("check-in with errors");
        await page.CheckAsync("#usualPain-2");
        await page.CheckAsync("#settled-no");
        await page.ClickAsync("#save-check-in");
        await Expect(page.Locator("#checkin-result")).ToBeVisibleAsync();
        await me.CheckAsync("check-in saved");

        await page.GotoAsync("/me/plan");
        await Expect(page.Locator("li.plan-item li.decision[data-action]")).ToHaveCountAsync(count); // each item's history
        await me.CheckAsync("plan with history");

        // Log out: a POST from the header; the person's pages then ask to log in again.
        await page.ClickAsync("#logout-button");
        await Expect(page.Locator("nav.account-nav a[href='/account/login']")).ToBeVisibleAsync();
        await page.GotoAsync("/me/today");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?ReturnUrl=%2Fme%2Ftoday$"));

        Assert.InRange(planned, 6, 10);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task CheckIn_WithARedFlag_ShowsUrgentAdvice_AndPausesThePlan()
    {
        var page = await browser.NewPageAsync(390, 844);
        var me = new PersonJourney(page, "phone", checkAccessibility: false);
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync();
        await me.MakePlanAsync();

        await page.GotoAsync("/me/check-in");
        await page.CheckAsync("#usualPain-3");
        await page.CheckAsync("#settled-yes");
        await page.CheckAsync("#redFlags-calf-swelling-chest-breathless");
        await page.ClickAsync("#save-check-in");

        // Urgent advice first: a large box with a heading that says what to do.
        await Expect(page.Locator("#checkin-urgent h1")).ToHaveTextAsync("Get medical help today");
        var alerts = page.Locator("#checkin-alerts li.alert");
        Assert.True(await alerts.CountAsync() >= 1);
        Assert.Equal("urgent-care", await alerts.First.GetAttributeAsync("data-severity"));
        Assert.Equal("E1", await alerts.First.GetAttributeAsync("data-rule-id"));
        await Accessibility.AssertNoViolationsAsync(page, "the urgent check-in result");

        await page.GotoAsync("/me/plan");
        await Expect(page.Locator("#plan")).ToHaveAttributeAsync("data-status", "paused");
        await Expect(page.Locator("#plan-paused")).ToContainTextAsync("Your plan is paused");
        await Expect(page.Locator("#plan-paused")).ToContainTextAsync("warning sign");
        await Expect(page.Locator("#go-today")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page, "the paused plan");

        await page.GotoAsync("/me/today");
        await Expect(page.Locator("#today-paused")).ToBeVisibleAsync();
        await Expect(page.Locator("#start-session")).ToHaveCountAsync(0);
        var open = page.Locator("#open-alerts li.alert[data-severity='urgent-care']");
        await Expect(open).ToHaveCountAsync(1);
        await Accessibility.AssertNoViolationsAsync(page, "today with an urgent alert");
        await open.Locator("button").ClickAsync(); // "I have read this"
        await Expect(page.Locator("#open-alerts li.alert[data-severity='urgent-care']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#today-paused")).ToBeVisibleAsync(); // reading the alert does not restart the plan

        await page.GotoAsync("/me/session");
        await Expect(page.Locator("#session-paused")).ToBeVisibleAsync();
        await Expect(page.Locator("#session-form")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Intake_WithARedFlag_ShowsUrgentCareFirst_AndNoPlanButton()
    {
        var page = await browser.NewPageAsync(390, 844);
        var me = new PersonJourney(page, "phone", checkAccessibility: false);
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync(redFlag: "bladder-bowel-saddle-both-legs", goBackOnce: true);

        var outcome = page.Locator("#screening-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-outcome", "urgent-care");
        await Expect(page.Locator("h1")).ToHaveCountAsync(1);
        await Expect(outcome.Locator("h1")).ToHaveTextAsync("Get medical help today");
        Assert.Equal("screening-outcome", await page.Locator("main > *").First.GetAttributeAsync("id")); // first on the page
        await Expect(outcome.Locator("li.finding[data-rule-id='RF3']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#make-plan")).ToHaveCountAsync(0);
        await Expect(page.Locator("#see-plan")).ToHaveCountAsync(0);
        await Accessibility.AssertNoViolationsAsync(page, "the urgent-care screening");

        await page.GotoAsync("/me/plan");
        await Expect(page.Locator("li.plan-item")).ToHaveCountAsync(0);
        await page.GotoAsync("/me/today");
        await Expect(page.Locator("#start-session")).ToHaveCountAsync(0);
        await Expect(page.Locator("#see-screening")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithoutJavaScript_ThePlainSessionFormLogsOneSession_EvenWhenSentTwice()
    {
        var page = await browser.NewPageAsync(390, 844, javaScript: false);
        var me = new PersonJourney(page, "phone without JavaScript", checkAccessibility: false);
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync(goBackOnce: true);
        await me.MakePlanAsync();

        await page.GotoAsync("/me/session");
        await Expect(page.Locator("#player")).ToHaveCountAsync(0);
        await Expect(page.Locator("#exercise-list")).ToBeVisibleAsync();
        await Expect(page.Locator("#save-session")).ToBeVisibleAsync();
        var count = await page.Locator("fieldset.session-exercise").CountAsync();
        Assert.True(count > 0);
        var firstKey = await page.InputValueAsync("#idempotency-key");

        // Saving without pain and effort: the errors sit next to their fields; nothing is stored.
        await page.ClickAsync("#save-session");
        await Expect(page.Locator("#error-summary a[data-field='exercises[0].painDuring']")).ToBeVisibleAsync();
        await Expect(page.Locator("#error-summary a[data-field='exercises[0].effort']")).ToBeVisibleAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#ex-0-pain-0", "aria-invalid"));
        Assert.Contains("ex-0-pain-error", await page.GetAttributeAsync("#ex-0-pain-group", "aria-describedby") ?? "");
        Assert.Equal(firstKey, await page.InputValueAsync("#idempotency-key")); // the same session, still to be saved

        // Build the same answers the form will send, and send them twice with the form's one key.
        var key = await page.InputValueAsync("#idempotency-key");
        Assert.True(Guid.TryParse(key, out _));
        var data = page.Context.APIRequest.CreateFormData();
        data.Append("__RequestVerificationToken", await page.InputValueAsync("#session-form input[name='__RequestVerificationToken']"));
        data.Append("key", key);
        data.Append("performedAt", await page.InputValueAsync("#session-form input[name='performedAt']"));
        for (var i = 0; i < count; i++)
        {
            var exercise = await Exercise.ReadAsync(page, i);
            var p = $"exercises[{i}]";
            data.Append($"{p}.planItemId", exercise.PlanItemId);
            data.Append($"{p}.completedSets", await page.InputValueAsync($"#ex-{i}-sets"));
            if (exercise.Reps is not null)
            {
                data.Append($"{p}.completedReps", await page.InputValueAsync($"#ex-{i}-reps"));
            }

            if (exercise.Hold is not null)
            {
                data.Append($"{p}.completedHoldSeconds", await page.InputValueAsync($"#ex-{i}-hold"));
            }

            data.Append($"{p}.painDuring", "1");
            data.Append($"{p}.effort", "3");
            await page.CheckAsync($"#ex-{i}-pain-1");
            await page.CheckAsync($"#ex-{i}-effort-3");
        }

        var first = await page.Context.APIRequest.PostAsync("/me/session", new() { Form = data, MaxRedirects = 0 });
        var second = await page.Context.APIRequest.PostAsync("/me/session", new() { Form = data, MaxRedirects = 0 });
        Assert.Equal(302, first.Status);
        Assert.Equal(302, second.Status);
        var location = first.Headers["location"];
        Assert.Matches(SummaryUrl(), location);
        Assert.Equal(location, second.Headers["location"]);

        // The browser's own submit of the same form is the same session again.
        await page.ClickAsync("#save-session");
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(location) + "$"));
        await Expect(page.Locator("#decisions li.decision")).ToHaveCountAsync(count);

        await page.GotoAsync("/me/history");
        await Expect(page.Locator("li.history-session")).ToHaveCountAsync(1);

        // Another person cannot open this summary: 404, as if it did not exist.
        var other = await browser.NewPageAsync(390, 844, javaScript: false);
        var stranger = new PersonJourney(other, "phone without JavaScript", checkAccessibility: false);
        await stranger.RegisterAsync();
        await stranger.LogInAsync();
        var foreign = await other.GotoAsync(location);
        Assert.Equal(404, foreign!.Status);
        await Expect(other.Locator("#decisions")).ToHaveCountAsync(0);

        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LogIn_RepeatedWrongPasswords_LockTheAccount_WithAPlainMessage()
    {
        var page = await browser.NewPageAsync(390, 844);
        var me = new PersonJourney(page, "phone", checkAccessibility: false);
        await me.RegisterAsync();

        var attempts = 0;
        while (await page.Locator("#login-problem[data-locked-out='true']").CountAsync() == 0 && attempts < 10)
        {
            attempts++;
            await page.FillAsync("#email", me.Email);
            await page.FillAsync("#password", "not-the-right-password");
            await page.ClickAsync("#login-button");
            await Expect(page.Locator("#login-problem")).ToBeVisibleAsync();
        }

        Assert.Equal(5, attempts); // Identity locks on the fifth failure (Accounts:MaxFailedAccessAttempts)
        await Expect(page.Locator("#login-problem")).ToContainTextAsync("locked for 15 minutes");
        await Accessibility.AssertNoViolationsAsync(page, "the locked log-in page");

        // While locked, even the right password does not sign in.
        await page.FillAsync("#email", me.Email);
        await page.FillAsync("#password", PersonJourney.Password);
        await page.ClickAsync("#login-button");
        await Expect(page.Locator("#login-problem[data-locked-out='true']")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/me/session/summary/[0-9a-f-]{36}$")]
    private static partial Regex SummaryUrl();

    /// <summary>An exercise of the session form, as its data attributes describe it.</summary>
    private sealed record Exercise(string PlanItemId, int Sets, int? Reps, int? Hold, int Rest, bool PerSide)
    {
        public static async Task<Exercise> ReadAsync(IPage page, int index)
        {
            var fieldset = page.Locator($"#exercise-{index}");
            async Task<int?> Number(string name) =>
                await fieldset.GetAttributeAsync(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
            return new Exercise(
                await fieldset.GetAttributeAsync("data-plan-item-id") ?? "",
                await Number("data-sets") ?? 1,
                await Number("data-reps"),
                await Number("data-hold"),
                await Number("data-rest") ?? 0,
                await fieldset.GetAttributeAsync("data-per-side") == "true");
        }
    }
}

/// <summary>
/// The journeys get a server and a browser of their own, so they run alongside the other browser
/// tests instead of after them (xUnit runs collections in parallel).
/// </summary>
[CollectionDefinition(Name)]
public sealed class JourneyCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "journeys";
}
