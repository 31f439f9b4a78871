using static Microsoft.Playwright.Assertions;

namespace HipRehab.E2E;

/// <summary>The drawings in a real browser: they move, they hold still for people who ask for less motion, and the player's figure follows its timer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemonstrationTests(BrowserFixture browser)
{
    private async Task<IPage> PageAsync(int width, int height, bool lessMotion)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = browser.BaseUrl,
            ReducedMotion = lessMotion ? ReducedMotion.Reduce : ReducedMotion.NoPreference,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Two pictures of a drawing, a second and a half apart.</summary>
    private static async Task<(byte[] First, byte[] Later)> TwoLooksAsync(ILocator figure)
    {
        var first = await figure.ScreenshotAsync(new LocatorScreenshotOptions { Animations = ScreenshotAnimations.Allow });
        await figure.Page.WaitForTimeoutAsync(1500);
        var later = await figure.ScreenshotAsync(new LocatorScreenshotOptions { Animations = ScreenshotAnimations.Allow });
        return (first, later);
    }

    // Where every drawn part is this instant: the animated points of each line and shape and the
    // head's centre, for the moving drawing and the still strip alike.
    private static Task<string> DrawnPoseAsync(ILocator figure) => figure.EvaluateAsync<string>(
        """
        s => Array.from(s.querySelectorAll('[data-part]'), e =>
            e.dataset.part + ':' + (e.animatedPoints
                ? Array.from(e.animatedPoints, p => p.x.toFixed(2) + ',' + p.y.toFixed(2)).join(' ')
                : e.cx.animVal.value.toFixed(2) + ',' + e.cy.animVal.value.toFixed(2))).join('|') + '|' + s.style.transform
        """);

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task DetailPage_ShowsTheFigureMoving_AndItsStillStrip(int width, int height)
    {
        var page = await PageAsync(width, height, lessMotion: false);
        await page.GotoAsync("/exercises/glute-bridge-hold-at-top");
        var moving = page.Locator("[data-demonstration='moving'] > svg");
        await Expect(moving).ToBeVisibleAsync();
        await Expect(page.Locator("[data-demonstration='still'] > svg")).ToBeVisibleAsync();
        Assert.Contains("Lie face up", await moving.Locator("desc").TextContentAsync(), StringComparison.Ordinal);

        // It really moves: its clock runs and the working leg is somewhere else a moment later.
        var leg = "svg.dm-m [data-part='working-leg']";
        var pointsAt = $"() => Array.from(document.querySelector(\"[data-demonstration='moving'] {leg}\").animatedPoints, p => p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ')";
        await page.WaitForFunctionAsync("() => document.querySelector(\"[data-demonstration='moving'] > svg\").getCurrentTime() > 1.2");
        var before = await page.EvaluateAsync<string>(pointsAt);
        await page.WaitForTimeoutAsync(700);
        var after = await page.EvaluateAsync<string>(pointsAt);
        Assert.NotEqual(before, after);
        var (first, later) = await TwoLooksAsync(moving);
        Assert.NotEqual(first, later);

        await Accessibility.AssertNoViolationsAsync(page, $"exercise detail with its drawings at {width}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WithReducedMotion_TheDetailPageShowsTheStillStrip_AndNothingMoves()
    {
        var page = await PageAsync(390, 844, lessMotion: true);
        await page.GotoAsync("/exercises/squat-sit-to-stand-arm-push");
        await Expect(page.Locator("[data-demonstration='moving']")).ToBeHiddenAsync();
        var strip = page.Locator("[data-demonstration='still'] > svg");
        await Expect(strip).ToBeVisibleAsync();
        Assert.Equal(3, await strip.Locator("[data-part='working-leg']").CountAsync());
        var (first, later) = await TwoLooksAsync(strip);
        Assert.Equal(first, later);

        // The drawing on its own (as an image, or opened by itself) shows the strip too.
        await page.GotoAsync("/api/v1/exercises/squat-sit-to-stand-arm-push/demonstration.svg");
        await Expect(page.Locator("svg.dm-m")).ToBeHiddenAsync();
        await Expect(page.Locator("svg.dm-s")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Library_ShowsAStillThumbnailForEveryExercise()
    {
        var page = await PageAsync(390, 844, lessMotion: false);
        await page.GotoAsync("/exercises");
        var thumbs = page.Locator("li.variant img.variant-thumb");
        Assert.Equal(42, await thumbs.CountAsync());
        var last = thumbs.Last;
        await last.ScrollIntoViewIfNeededAsync();
        await Expect(last).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await last.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the thumbnail did not load");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Player_HoldsTheFigureInItsHoldPose_WhileTheHoldCountsDown(bool lessMotion)
    {
        var page = await PageAsync(390, 844, lessMotion);
        var me = new PersonJourney(page, "phone");
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync();
        await me.MakePlanAsync();

        // Real-time timers: the figure is checked while a hold counts down.
        await page.GotoAsync("/me/session");
        var player = page.Locator("#player");
        await Expect(player).ToHaveAttributeAsync("data-phase", "intro");
        var holds = await page.Locator("fieldset.session-exercise").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.hold)");
        var index = Array.FindIndex(holds, h => !string.IsNullOrEmpty(h));
        Assert.True(index >= 0, "the plan has no exercise with a hold");
        for (var i = 0; i < index; i++)
        {
            await page.ClickAsync("#player-skip");
        }

        await Expect(player).ToHaveAttributeAsync("data-exercise-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var figure = page.Locator("#player-figure > svg");
        await Expect(figure).ToBeVisibleAsync();
        if (!lessMotion)
        {
            // Before starting, the figure loops through its repetition.
            await page.WaitForFunctionAsync("() => document.querySelector('#player-figure > svg').getCurrentTime() > 0.5");
            Assert.False(await figure.EvaluateAsync<bool>("s => s.animationsPaused()"));
        }

        await me.CheckAsync("player showing the drawing");
        await page.ClickAsync("#player-start");
        await Expect(player).ToHaveAttributeAsync("data-phase", "hold", new() { Timeout = 15000 });
        await page.WaitForTimeoutAsync(300);
        var holdStart = double.Parse(await figure.GetAttributeAsync("data-hold-start") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        var timerBefore = int.Parse(await page.InnerTextAsync("#player-timer"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await figure.EvaluateAsync<bool>("s => s.animationsPaused()"), "the figure moves during the hold");
        var time = await figure.EvaluateAsync<double>("s => s.getCurrentTime()");
        if (lessMotion)
        {
            await Expect(page.Locator("#player-figure svg.dm-s")).ToBeVisibleAsync();
            await Expect(page.Locator("#player-figure svg.dm-m")).ToBeHiddenAsync();
        }
        else
        {
            Assert.Equal(holdStart, time, 1);
            // The pose it holds is the hold's key pose of the still strip.
            var held = await figure.EvaluateAsync<string>("s => Array.from(s.querySelector('svg.dm-m [data-part=\"working-leg\"]').animatedPoints, p => p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' ')");
            var keys = await figure.EvaluateAsync<string[]>("s => Array.from(s.querySelectorAll('svg.dm-s [data-part=\"working-leg\"]'), l => Array.from(l.points, p => p.x.toFixed(1) + ',' + p.y.toFixed(1)).join(' '))");
            Assert.Contains(held, keys);
        }

        // Screenshots of a paused SMIL drawing differ by a few anti-aliased pixels from one paint to the
        // next, so the stillness is checked on what is drawn: every part's animated geometry.
        var posed = await DrawnPoseAsync(figure);
        Assert.Contains("working-leg:", posed, StringComparison.Ordinal);
        await page.WaitForTimeoutAsync(1500);
        Assert.Equal(posed, await DrawnPoseAsync(figure));
        var timerAfter = int.Parse(await page.InnerTextAsync("#player-timer"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(timerAfter < timerBefore, $"the hold timer did not count down ({timerBefore} → {timerAfter})");
        Assert.Equal(time, await figure.EvaluateAsync<double>("s => s.getCurrentTime()"), 2);
        await Expect(page.Locator("#player")).ToHaveAttributeAsync("data-phase", "hold");
        await me.CheckAsync("player during a hold");

        await page.ClickAsync("#player-stop");
        await Expect(player).ToHaveAttributeAsync("data-phase", "rate");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Player_StartsTheFiguresRepetition_WhenTheRepCounterStartsOne()
    {
        var page = await PageAsync(390, 844, lessMotion: false);
        var me = new PersonJourney(page, "phone");
        await me.RegisterAsync();
        await me.LogInAsync();
        await me.AnswerIntakeAsync();
        await me.MakePlanAsync();
        await page.GotoAsync("/me/session");
        var player = page.Locator("#player");
        var kinds = await page.Locator("fieldset.session-exercise").EvaluateAllAsync<string[]>("fs => fs.map(f => f.dataset.reps && !f.dataset.hold ? 'reps' : '')");
        var index = Array.IndexOf(kinds, "reps");
        Assert.True(index >= 0, "the plan has no exercise counted in reps");
        for (var i = 0; i < index; i++)
        {
            await page.ClickAsync("#player-skip");
        }

        await page.ClickAsync("#player-start");
        await Expect(player).ToHaveAttributeAsync("data-phase", "reps", new() { Timeout = 15000 });
        var figure = page.Locator("#player-figure > svg");
        var duration = double.Parse(await figure.GetAttributeAsync("data-duration") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        // The first repetition plays once and stops at its end, back in the start pose.
        await page.WaitForFunctionAsync($"() => document.querySelector('#player-figure > svg').getCurrentTime() >= {duration.ToString(System.Globalization.CultureInfo.InvariantCulture)} - 0.01", null, new() { Timeout = (float)((duration + 5) * 1000) });
        Assert.True(await figure.EvaluateAsync<bool>("s => s.animationsPaused()"));
        await page.WaitForTimeoutAsync(400);
        Assert.Equal(duration, await figure.EvaluateAsync<double>("s => s.getCurrentTime()"), 1);

        // A tap counts a rep, and the figure starts the next one from the beginning.
        await page.ClickAsync("#player-tap");
        await Expect(page.Locator("#player-count")).ToHaveTextAsync("1");
        var time = await figure.EvaluateAsync<double>("s => s.getCurrentTime()");
        Assert.InRange(time, 0, 1.0);
        await page.WaitForTimeoutAsync(600);
        Assert.True(await figure.EvaluateAsync<double>("s => s.getCurrentTime()") > time, "the figure did not play the next repetition");
        await page.Context.CloseAsync();
    }
}
