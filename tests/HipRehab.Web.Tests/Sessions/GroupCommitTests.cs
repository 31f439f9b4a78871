using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>
/// Sessions sent at the same moment are written together in one transaction (group commit). These
/// tests show that writing them together changes nothing a person can see: every session is stored,
/// each decision is made from the sessions before it, and different people do not mix.
/// </summary>
public sealed class GroupCommitTests(TestApp app) : IClassFixture<TestApp>
{
    private const int Sessions = 12;

    [Fact]
    public async Task ConcurrentSessions_OfOnePerson_DecideExactlyAsIfLoggedOneAfterAnother()
    {
        var (together, planT) = await app.SignUpWithPlanAsync("together");
        var (alone, planA) = await app.SignUpWithPlanAsync("alone");
        // Same intake, so the same plan: the two people start from the same item and dose.
        Assert.Equal(Prescription(planA.FirstStrengthItem()), Prescription(planT.FirstStrengthItem()));

        // Identical, pain-free, easy sessions: the order in which they arrive cannot matter, but
        // each one must see the ones before it or the ladder would not climb as far.
        var bodyT = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(planT.FirstStrengthItem(), painDuring: 0, effort: 2));
        var bodyA = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(planA.FirstStrengthItem(), painDuring: 0, effort: 2));

        var answers = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async _ =>
        {
            using var response = await together.Client.LogSessionAsync(bodyT);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        for (var i = 0; i < Sessions; i++)
        {
            await (await alone.Client.LogSessionAsync(bodyA)).ExpectAsync(HttpStatusCode.Created);
        }

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Body}"));
        Assert.Equal(Sessions, answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetString()).Distinct().Count());

        var itemT = (await together.Client.GetPlanAsync()).Item(planT.FirstStrengthItem().GetProperty("id").GetString()!);
        var itemA = (await alone.Client.GetPlanAsync()).Item(planA.FirstStrengthItem().GetProperty("id").GetString()!);
        Assert.Equal(Prescription(itemA), Prescription(itemT));
        Assert.NotEqual(Prescription(planT.FirstStrengthItem()), Prescription(itemT));
        Assert.Equal(Actions(itemA), Actions(itemT));
        Assert.Contains("progress", Actions(itemT));

        var rows = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == together.Email).Select(u => u.Id).SingleAsync();
            return (Sessions: await db.Sessions.CountAsync(s => s.UserId == userId),
                Decisions: await db.Decisions.CountAsync(d => d.UserId == userId),
                Revision: await db.PlanItems.Where(i => i.UserId == userId && i.Id == Guid.Parse(itemT.GetProperty("id").GetString()!))
                    .Select(i => i.Revision).SingleAsync());
        });
        Assert.Equal((Sessions, Sessions, Sessions), rows);
    }

    [Fact]
    public async Task ConcurrentSessions_OfSeveralPeople_EachLandWithTheirOwner()
    {
        var people = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => app.SignUpWithPlanAsync($"p{i}")));
        var sends = people.SelectMany(p => Enumerable.Range(0, 4).Select(async _ =>
        {
            var body = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(p.Plan.FirstStrengthItem(), painDuring: 1, effort: 3));
            using var response = await p.Person.Client.LogSessionAsync(body);
            return response.StatusCode;
        }));
        Assert.All(await Task.WhenAll(sends), s => Assert.Equal(HttpStatusCode.Created, s));

        foreach (var (person, plan) in people)
        {
            var sessions = await person.Client.GetSessionsAsync();
            Assert.Equal(4, sessions.Count);
            var itemId = plan.FirstStrengthItem().GetProperty("id").GetString();
            Assert.All(sessions, s => Assert.Equal(itemId, s.GetProperty("exercises")[0].GetProperty("planItemId").GetString()));
        }
    }

    private static string Prescription(JsonElement item) =>
        item.GetProperty("exerciseId").GetString() + " " + item.GetProperty("dose").GetRawText();

    private static List<string> Actions(JsonElement item) =>
        [.. item.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()!)];
}

/// <summary>Ids made in one millisecond still sort in the order they were made (history reads by time, then id).</summary>
public sealed class OrderedIdsTests
{
    [Fact]
    public void Next_NeverGoesBackwards_EvenWithinOneMillisecond()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => HipRehab.Web.Infrastructure.OrderedIds.Next()).ToList();
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i].CompareTo(ids[i - 1]) > 0, $"id {i} sorts before id {i - 1}");
            // The database sorts the text form (SQLite) or the bytes (PostgreSQL): both agree with CompareTo.
            Assert.True(string.CompareOrdinal(ids[i].ToString().ToUpperInvariant(), ids[i - 1].ToString().ToUpperInvariant()) > 0);
            Assert.Equal(7, ids[i].Version);
        }
    }
}
