using System.Diagnostics;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace HipRehab.E2E;

/// <summary>
/// One person going through the pages in a real browser, step by step. With
/// <paramref name="checkAccessibility"/>, every page (and every wizard screen and player phase
/// the journey stops at) is checked with axe; without JavaScript axe cannot run, so a no-JS
/// journey checks outcomes only.
/// </summary>
public sealed class PersonJourney(IPage page, string viewport, bool checkAccessibility = true)
{
    public const string Password = "blue-harbour-lantern-42";

    public IPage Page { get; } = page;

    public string Email { get; } = $"e2e-{Guid.NewGuid():N}@example.com";

    /// <summary>What was checked with axe, in order; tests assert on it so a skipped check shows.</summary>
    public List<string> Checked { get; } = [];

    public async Task CheckAsync(string what)
    {
        if (!checkAccessibility)
        {
            return;
        }

        await Page.WaitForLoadStateAsync(LoadState.Load);
        // For looking at pages by eye: HIPREHAB_E2E_SHOTS=<folder> keeps a screenshot of each checked page.
        if (Environment.GetEnvironmentVariable("HIPREHAB_E2E_SHOTS") is { Length: > 0 } shots)
        {
            var name = string.Concat($"{what} {viewport}".Select(c => char.IsLetterOrDigit(c) ? c : '-'));
            await Page.ScreenshotAsync(new() { Path = Path.Combine(shots, name + ".png"), FullPage = true });
        }

        await Accessibility.AssertNoViolationsAsync(Page, $"{what} at {viewport}");
        Checked.Add(what);
    }

    public async Task RegisterAsync()
    {
        await Page.GotoAsync("/account/register");
        await CheckAsync("register");
        await Page.FillAsync("#email", Email);
        await Page.FillAsync("#password", Password);
        await Page.ClickAsync("#register-button");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login\\?registered=true$"));
        await Expect(Page.Locator("#registered-notice")).ToBeVisibleAsync();
    }

    public async Task LogInAsync()
    {
        await CheckAsync("log in");
        await Page.FillAsync("#email", Email);
        await Page.FillAsync("#password", Password);
        await Page.ClickAsync("#login-button");
        await Expect(Page).ToHaveURLAsync(new Regex("/me/today$"));
        // Signed in: the header shows the person's pages and a log-out button.
        await Expect(Page.Locator("nav.account-nav a[href='/me/plan']")).ToBeVisibleAsync();
        await Expect(Page.Locator("#logout-button")).ToBeVisibleAsync();
    }

    public async Task AtStepAsync(int number, string slug, bool check = true)
    {
        var wizard = Page.Locator("#intake-wizard");
        await Expect(wizard).ToHaveAttributeAsync("data-step", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(wizard).ToHaveAttributeAsync("data-step-slug", slug);
        await Expect(Page.Locator("#wizard-step-text")).ToHaveTextAsync($"Step {number} of 9");
        await Expect(Page.Locator("progress#wizard-progress")).ToHaveAttributeAsync("value", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
        if (check)
        {
            await CheckAsync($"intake step {number} ({slug})");
        }
    }

    /// <summary>
    /// The whole intake wizard with typical answers (as in the Try-it tests), optionally a red flag,
    /// and optionally one trip Back from the warning signs to check the pain answers were kept.
    /// </summary>
    public async Task AnswerIntakeAsync(string? redFlag = null, bool goBackOnce = false, bool tryEmptyFirst = false)
    {
        await Page.GotoAsync("/me/intake");
        await AtStepAsync(1, "about-you");
        if (tryEmptyFirst)
        {
            await Page.ClickAsync("#next-button");
            await Expect(Page.Locator("#error-summary")).ToBeVisibleAsync();
            var fields = await Page.Locator("#error-summary a[data-field]").AllAsync();
            var names = await Task.WhenAll(fields.Select(f => f.GetAttributeAsync("data-field")));
            Assert.Contains("birthYear", names);
            Assert.Contains("sex", names);
            Assert.Equal("true", await Page.GetAttributeAsync("#sex-female", "aria-invalid"));
            Assert.Contains("sex-error", await Page.GetAttributeAsync("#sex-group", "aria-describedby") ?? "");
            await AtStepAsync(1, "about-you");
        }

        await Page.FillAsync("#birthYear", "1956");
        await Page.CheckAsync("#sex-female");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(2, "your-pain");
        await Page.CheckAsync("#painSide-left");
        await Page.CheckAsync("#painLocation-groin");
        await Page.CheckAsync("#cause-osteoarthritis");
        await Page.CheckAsync("#painNow-4");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(3, "warning-signs");
        Assert.Equal(11, await Page.Locator("input[name='redFlags']").CountAsync());
        Assert.Equal(11, await Page.Locator("#redFlags-group .choice-hint").CountAsync()); // each red flag explained
        if (redFlag is not null)
        {
            await Page.CheckAsync($"#redFlags-{redFlag}");
        }

        if (goBackOnce)
        {
            // Seen and checked already: only the answers matter on the way back.
            await Page.ClickAsync("#back-button");
            await AtStepAsync(2, "your-pain", check: false);
            Assert.True(await Page.IsCheckedAsync("#painNow-4"), "Back lost the pain answer");
            Assert.True(await Page.IsCheckedAsync("#painLocation-groin"), "Back lost the pain location");
            await Page.ClickAsync("#next-button");
            await AtStepAsync(3, "warning-signs", check: false);
            if (redFlag is not null)
            {
                // The red flag ticked before going back was carried in a hidden field and is still ticked.
                Assert.True(await Page.IsCheckedAsync($"#redFlags-{redFlag}"));
            }
        }

        await Page.ClickAsync("#next-button");
        await AtStepAsync(4, "surgery");
        await Page.CheckAsync("#surgeryKind-none");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(5, "health");
        await Page.CheckAsync("#pregnant-no");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(6, "abilities");
        await Page.CheckAsync("#getDownToFloor-yes");
        await Page.CheckAsync("#kneel-no");
        await Page.CheckAsync("#standWithoutSupport-yes");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(7, "equipment");
        await Page.CheckAsync("#equipment-chair");
        await Page.CheckAsync("#equipment-wall");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(8, "goals");
        await Page.CheckAsync("#goals-walking");
        await Page.ClickAsync("#next-button");

        await AtStepAsync(9, "review");
        await Expect(Page.Locator("[data-review='your-pain']")).ToContainTextAsync("Left hip");
        await Expect(Page.Locator("[data-review='about-you']")).ToContainTextAsync("1956");
        await Page.ClickAsync("#save-answers");
        await Expect(Page).ToHaveURLAsync(new Regex("/me/screening$"));
    }

    /// <summary>From a clear or advice screening, make the plan and check it is a real plan.</summary>
    public async Task<int> MakePlanAsync()
    {
        var outcome = await Page.GetAttributeAsync("#screening-outcome", "data-outcome");
        Assert.Contains(outcome, new[] { "clear", "advice" });
        await CheckAsync("screening result");
        await Page.ClickAsync("#make-plan");
        await Expect(Page).ToHaveURLAsync(new Regex("/me/plan$"));

        await Expect(Page.Locator("#plan")).ToHaveAttributeAsync("data-status", "active");
        var items = Page.Locator("li.plan-item");
        var count = await items.CountAsync();
        Assert.InRange(count, 6, 10);
        var excluded = await Page.Locator("li.excluded-item").CountAsync();
        Assert.Equal(10, count + excluded); // every family is either planned or left out with a reason
        foreach (var item in await items.AllAsync())
        {
            Assert.False(string.IsNullOrWhiteSpace(await item.Locator(".dose").InnerTextAsync()));
            Assert.False(string.IsNullOrWhiteSpace(await item.Locator(".days").InnerTextAsync()));
            Assert.True(await item.Locator("li.why a.rule-link").CountAsync() > 0, "an item without a reason");
            Assert.StartsWith("/exercises/", await item.Locator("h3 a").GetAttributeAsync("href"), StringComparison.Ordinal);
        }

        Assert.True(await Page.Locator("li.excluded-item .rule-ids a.rule-link").CountAsync() >= excluded);
        await CheckAsync("plan");
        return count;
    }

    /// <summary>
    /// Drives the guided player through the current exercise: Start, get ready, holds or rep taps,
    /// switch sides, rests, then pain and effort. Returns the phases it went through.
    /// </summary>
    public async Task<string[]> DriveExerciseAsync(int pain, int effort, bool checkRating = false)
    {
        var player = Page.Locator("#player");
        await Expect(player).ToHaveAttributeAsync("data-phase", "intro");
        await Expect(Page.Locator("#player-steps li").First).ToBeVisibleAsync();
        var before = (await player.GetAttributeAsync("data-phase-log") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        await Page.ClickAsync("#player-start");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(45))
        {
            var phase = await player.GetAttributeAsync("data-phase");
            switch (phase)
            {
                case "reps":
                    await Page.ClickAsync("#player-tap");
                    break;
                case "switch-sides":
                    await Expect(Page.Locator("#player-phase-label")).ToHaveTextAsync("Switch sides");
                    await Page.ClickAsync("#player-next-side");
                    break;
                case "rate":
                    if (checkRating)
                    {
                        await CheckAsync("player asking pain and effort");
                    }

                    await Page.ClickAsync($"#player-pain-{pain}");
                    await Page.ClickAsync($"#player-effort-{effort}");
                    Assert.Equal("true", await Page.GetAttributeAsync($"#player-pain-{pain}", "aria-pressed"));
                    var log = (await player.GetAttributeAsync("data-phase-log") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)[before..];
                    await Page.ClickAsync("#player-rate-done");
                    return log;
                default:
                    await Page.WaitForTimeoutAsync(15); // timers run at 20 ms a second in fast mode
                    break;
            }
        }

        throw new TimeoutException($"The player did not reach the pain question; phase log: {await player.GetAttributeAsync("data-phase-log")}");
    }
}
