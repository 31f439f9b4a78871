using System.Diagnostics;
using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace HipRehab.E2E;

/// <summary>
/// A whole guided session with the keyboard alone: every control is reached with Tab and pressed
/// with Enter or Space, at phone size, with the exercise drawings in the player. Nothing is clicked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardSessionTests(BrowserFixture browser)
{
    /// <summary>Presses Tab until the control is focused (as a person moving through the page would), then presses <paramref name="key"/>.</summary>
    private static async Task TabToAndPressAsync(IPage page, string selector, string key = "Enter")
    {
        for (var i = 0; i < 120; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                // A drawing is a picture: it never takes the keyboard's focus on the way.
                Assert.False(await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('svg')"), "focus went into a drawing");
                await page.Keyboard.PressAsync(key);
                return;
            }

            await page.Keyboard.PressAsync("Tab");
            Assert.False(await page.EvaluateAsync<bool>("() => !!document.activeElement?.closest('svg')"), "focus went into a drawing");
        }

        throw new InvalidOperationException($"{selector} could not be reached with Tab");
    }

    [Fact]
    public async Task AWholeSession_WithTheKeyboardAlone_IsLogged()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            BaseURL = browser.BaseUrl,
        });
        var page = await context.NewPageAsync();
        var me = new PersonJourney(page, "phone", checkAccessibility: false);
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync();
        await me.MakePlanAsync();

        await page.GotoAsync("/me/session?speed=fast");
        var player = page.Locator("#player");
        await Expect(player).ToHaveAttributeAsync("data-phase", "intro");
        var count = int.Parse(await page.Locator("#session-form").GetAttributeAsync("data-count") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(count > 1);
        await TabToAndPressAsync(page, "#player-mute");
        Assert.Equal("true", await page.GetAttributeAsync("#player-mute", "aria-pressed"));

        for (var i = 0; i < count; i++)
        {
            await Expect(player).ToHaveAttributeAsync("data-exercise-index", i.ToString(CultureInfo.InvariantCulture));
            await Expect(player).ToHaveAttributeAsync("data-phase", "intro");
            await Expect(page.Locator("#player-figure > svg")).ToBeVisibleAsync();
            await TabToAndPressAsync(page, "#player-start");
            var clock = Stopwatch.StartNew();
            var rated = false;
            while (!rated)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"exercise {i} did not reach the pain question: {await player.GetAttributeAsync("data-phase-log")}");
                switch (await player.GetAttributeAsync("data-phase"))
                {
                    case "reps":
                        await TabToAndPressAsync(page, "#player-tap", " ");
                        break;
                    case "switch-sides":
                        await TabToAndPressAsync(page, "#player-next-side");
                        break;
                    case "rate":
                        await TabToAndPressAsync(page, "#player-pain-2");
                        await TabToAndPressAsync(page, "#player-effort-4", " ");
                        await TabToAndPressAsync(page, "#player-rate-done");
                        rated = true;
                        break;
                    default:
                        await page.WaitForTimeoutAsync(15);
                        break;
                }
            }

            // What the keyboard did went into the plain form's own fields.
            Assert.True(await page.IsCheckedAsync($"#ex-{i}-pain-2"), $"exercise {i}: the pain rating was not recorded");
            Assert.True(await page.IsCheckedAsync($"#ex-{i}-effort-4"), $"exercise {i}: the effort rating was not recorded");
        }

        await Expect(player).ToHaveAttributeAsync("data-phase", "finish");
        await TabToAndPressAsync(page, "#player-pain-after-1", " ");
        await TabToAndPressAsync(page, "#player-finish");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/me/session/summary/"));
        await Expect(page.Locator("#decisions li.decision")).ToHaveCountAsync(count);
        await context.CloseAsync();
    }
}
