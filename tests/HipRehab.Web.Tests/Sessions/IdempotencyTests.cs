using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>
/// <c>POST /api/v1/me/sessions</c> with <c>Idempotency-Key</c> (docs/api.md): a retried request never
/// stores a second session, a reused key with another body is refused, and keys are per person.
/// </summary>
public sealed class IdempotencyTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task MissingKey_Is400NamingTheHeader_AndStoresNothing()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var response = await person.Client.PostAsJsonAsync("/api/v1/me/sessions", Body(plan));
        await response.ValidationProblemAsync("Idempotency-Key");
        Assert.Empty(await person.Client.GetSessionsAsync());
    }

    [Fact]
    public async Task KeyLongerThan100_Is400NamingTheHeader()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        await (await person.Client.LogSessionAsync(Body(plan), new string('k', 101))).ValidationProblemAsync("Idempotency-Key");
        await (await person.Client.LogSessionAsync(Body(plan), new string('k', 100))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SameKey_SameBody_ReplaysTheSameAnswer_AndStoresOneSession()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Body(plan);
        var key = Guid.NewGuid().ToString();
        var first = await person.Client.LogSessionAsync(body, key);
        var second = await person.Client.LogSessionAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        var sessions = await person.Client.GetSessionsAsync();
        var session = Assert.Single(sessions);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), session.GetProperty("id").GetString());
        // The replay made no second decision either.
        Assert.Single((await person.Client.GetPlanAsync()).Item(ItemId(plan)).GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task SameKey_DifferentBody_Is422_AndStoresNothingNew()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var key = Guid.NewGuid().ToString();
        var first = await (await person.Client.LogSessionAsync(Body(plan), key)).ExpectAsync(HttpStatusCode.Created);
        var other = Body(plan, pain: 4);
        var problem = await (await person.Client.LogSessionAsync(other, key)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        var session = Assert.Single(await person.Client.GetSessionsAsync());
        Assert.Equal(first.GetProperty("id").GetString(), session.GetProperty("id").GetString());
        Assert.Equal(1, session.GetProperty("exercises")[0].GetProperty("painDuring").GetInt32());
    }

    [Fact]
    public async Task NineConcurrentSends_OfOneKey_StoreExactlyOneSession()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var key = Guid.NewGuid().ToString();
        var json = JsonSerializer.Serialize(Body(plan));
        var sends = Enumerable.Range(0, 9).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sessions")
            {
                Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await person.Client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var results = await Task.WhenAll(sends);

        Assert.All(results, r => Assert.True(r.StatusCode == HttpStatusCode.Created, $"{(int)r.StatusCode}: {r.Body}"));
        Assert.Single(results.Select(r => r.Body).Distinct());

        var session = Assert.Single(await person.Client.GetSessionsAsync());
        Assert.Equal(JsonDocument.Parse(results[0].Body).RootElement.GetProperty("id").GetString(), session.GetProperty("id").GetString());
        var rows = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync();
            return (Sessions: await db.Sessions.CountAsync(s => s.UserId == userId),
                WithKey: await db.Sessions.CountAsync(s => s.UserId == userId && s.IdempotencyKey == key),
                Logs: await db.ExerciseLogs.CountAsync(l => l.UserId == userId),
                Decisions: await db.Decisions.CountAsync(d => d.UserId == userId));
        });
        Assert.Equal((1, 1, 1, 1), rows);
    }

    [Fact]
    public async Task Keys_AreScopedToThePerson()
    {
        var (a, planA) = await app.SignUpWithPlanAsync("a");
        var (b, planB) = await app.SignUpWithPlanAsync("b");
        const string key = "session-2026-11-25-morning";
        var forA = await (await a.Client.LogSessionAsync(Body(planA), key)).ExpectAsync(HttpStatusCode.Created);
        // B's body differs (B's own item): were keys global this would be a 422 or A's answer.
        var forB = await (await b.Client.LogSessionAsync(Body(planB), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.NotEqual(forA.GetProperty("id").GetString(), forB.GetProperty("id").GetString());
        Assert.Equal(forB.GetProperty("id").GetString(), Assert.Single(await b.Client.GetSessionsAsync()).GetProperty("id").GetString());
        Assert.Equal(forA.GetProperty("id").GetString(), Assert.Single(await a.Client.GetSessionsAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task AnInvalidBody_DoesNotUseUpTheKey()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var key = Guid.NewGuid().ToString();
        await (await person.Client.LogSessionAsync(Body(plan, pain: 11), key)).ValidationProblemAsync("exercises[0].painDuring");
        await (await person.Client.LogSessionAsync(Body(plan), key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await person.Client.GetSessionsAsync());
    }

    private static string ItemId(JsonElement plan) => plan.FirstStrengthItem().GetProperty("id").GetString()!;

    private static Dictionary<string, object?> Body(JsonElement plan, int pain = 1) =>
        Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), pain, 3));
}
