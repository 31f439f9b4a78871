using Microsoft.Extensions.DependencyInjection;
using HipRehab.Web.Features.Today;

namespace HipRehab.Web.Tests;

/// <summary>
/// <c>Database:SqliteFastPath=false</c> runs SQLite the PostgreSQL way (EF Core only), which is how
/// <c>bench/load.sh</c> measures what the fast path buys (src/HipRehab.Web/Data/Sqlite/README.md). The
/// two ways must give a person the same answers: the same sessions lead to the same decisions and the
/// same Today, so a figure measured without the fast path is a figure of the same product.
/// </summary>
[Trait("Category", "SqliteOnly")]
public sealed class SqliteFastPathSwitchTests
{
    [Fact]
    public async Task WithAndWithoutTheFastPath_TheSameSessionsGiveTheSameDecisionsAndTheSameToday()
    {
        await using var fast = TestApp.OnSqlite();
        await using var plain = TestApp.OnSqlite();
        plain.Settings["Database:SqliteFastPath"] = "false";

        var onFast = await RunAsync(fast);
        var onPlain = await RunAsync(plain);

        Assert.IsType<SqliteTodayQuery>(TodayQueryOf(fast));
        Assert.IsType<EfTodayQuery>(TodayQueryOf(plain));
        Assert.Equal(onFast.Decisions, onPlain.Decisions);
        Assert.Contains("progress", onFast.Decisions);
        Assert.Equal(onFast.Today, onPlain.Today);
    }

    /// <summary>Eight easy sessions sent at once, then Today: the item's decisions and Today's answer, without ids.</summary>
    private static async Task<(string Decisions, string Today)> RunAsync(TestApp app)
    {
        var (person, plan) = await app.SignUpWithPlanAsync("switch");
        var item = plan.FirstStrengthItem();
        var body = Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(item, painDuring: 0, effort: 2));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await person.Client.LogSessionAsync(body);
            return response.StatusCode;
        }));
        Assert.All(answers, s => Assert.Equal(HttpStatusCode.Created, s));

        var after = (await person.Client.GetPlanAsync()).Item(item.GetProperty("id").GetString()!);
        var decisions = string.Join(" ", after.GetProperty("history").EnumerateArray().Select(d => d.GetProperty("action").GetString()))
            + " → " + after.GetProperty("exerciseId").GetString() + " " + after.GetProperty("dose").GetRawText();
        var today = await person.Client.GetTodayAsync("2026-11-26");
        return (decisions, WithoutIds(today));
    }

    private static ITodayQuery TodayQueryOf(TestApp app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ITodayQuery>();
    }

    private static string WithoutIds(JsonElement today) =>
        System.Text.RegularExpressions.Regex.Replace(today.GetRawText(), "\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\"", "\"id\"");
}
