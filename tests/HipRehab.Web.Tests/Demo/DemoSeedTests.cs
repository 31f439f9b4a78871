using System.Net.Http.Headers;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>A test app whose database the demo seeder has filled once; the tests using it only read.</summary>
public sealed class SeededDemo : IAsyncLifetime
{
    public TestApp App { get; } = new();

    public DemoSeed.Result Result { get; private set; } = null!;

    public async Task InitializeAsync() => Result = await DemoSeed.RunAsync(App.Services, CancellationToken.None);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// <c>--seed-demo</c> (issue 4, item 6), run against the test app's own real database (SQLite file or
/// PostgreSQL). These tests read what one seeding made; <see cref="DemoSeedRunTests"/> seeds on fresh apps.
/// </summary>
public sealed class DemoSeedTests(SeededDemo demo) : IClassFixture<SeededDemo>
{
    private static readonly DateOnly s_today = DateOnly.FromDateTime(TestApp.Now.UtcDateTime);

    [Fact]
    public async Task SeedDemo_CreatesTheClinicItsClinicianAndTwelveLinkedPeople_WithHistoryOfTwoToTwelveWeeksEndingToday()
    {
        var (app, result) = (demo.App, demo.Result);

        Assert.True(result.ClinicCreated);
        Assert.Equal(DemoPeople.All.Count, result.Created.Count);
        Assert.InRange(DemoPeople.All.Count, 10, 14);
        Assert.All(DemoPeople.All, p => Assert.EndsWith("@example.org", p.Email, StringComparison.Ordinal));

        await app.WithDbAsync<bool>(async db =>
        {
            var clinic = await db.Clinics.SingleAsync();
            Assert.Equal(result.ClinicId, clinic.Id);
            Assert.Equal(DemoSeed.ClinicName, clinic.Name);
            var clinician = await db.Users.SingleAsync(u => u.Email == DemoSeed.ClinicianEmail);
            Assert.True(clinician.TwoFactorEnabled);
            Assert.Equal("admin", (await db.ClinicStaff.SingleAsync(s => s.ClinicId == clinic.Id && s.UserId == clinician.Id)).Role);

            var now = TestApp.Now.UtcDateTime;
            foreach (var person in DemoPeople.All)
            {
                var id = await db.Users.Where(u => u.Email == person.Email).Select(u => u.Id).SingleAsync();
                Assert.True(await db.ClinicLinks.AnyAsync(l => l.ClinicId == clinic.Id && l.UserId == id && l.EndedAt == null), person.Name);
                var intake = await db.Intakes.SingleAsync(i => i.UserId == id);
                if (person.Story == DemoStory.AwaitingClearance)
                {
                    Assert.Equal("see-clinician-soon", intake.ScreeningOutcome);
                    Assert.False(await db.Plans.AnyAsync(p => p.UserId == id), "no plan before clearance");
                    continue;
                }

                var sessions = await db.Sessions.Where(s => s.UserId == id).Select(s => s.PerformedAt).ToListAsync();
                var checkIns = await db.CheckIns.Where(c => c.UserId == id).Select(c => c.Date).ToListAsync();
                Assert.NotEmpty(sessions);
                Assert.NotEmpty(checkIns);
                // 2–12 weeks, each record on its own day, none in the future, the latest within the last few days.
                var weeks = (s_today.DayNumber - DateOnly.FromDateTime(intake.CreatedAt).DayNumber) / 7m;
                Assert.InRange(weeks, 2m, 12m);
                Assert.True(DateOnly.FromDateTime(sessions.Min()) <= DateOnly.FromDateTime(intake.CreatedAt).AddDays(3), person.Name);
                Assert.All(sessions, s => Assert.True(s <= now));
                Assert.All(checkIns, c => Assert.True(c <= s_today));
                Assert.True(checkIns.Max() >= s_today.AddDays(-3), $"{person.Name}'s history ends today");
                Assert.True(sessions.Select(DateOnly.FromDateTime).Distinct().Count() > 5, person.Name);
            }

            // The stories came out of the real engine: doses stepped up, a plan paused by the red flag.
            var improving = await IdOfAsync(db, DemoStory.Improving);
            Assert.True(await db.Decisions.CountAsync(d => d.UserId == improving && d.Action == "progress") > 3);
            var redFlag = await IdOfAsync(db, DemoStory.RedFlag);
            Assert.Equal("paused", await db.Plans.Where(p => p.UserId == redFlag && p.Status != "replaced").Select(p => p.Status).SingleAsync());
            Assert.Contains(await db.Alerts.Where(a => a.UserId == redFlag).ToListAsync(), a => a is { RuleId: "E1", Severity: "urgent-care", Status: "open" });
            var flare = await IdOfAsync(db, DemoStory.Flare);
            Assert.Contains(await db.Alerts.Where(a => a.UserId == flare).ToListAsync(), a => a is { RuleId: "E5", Severity: "see-clinician-soon" });
            return true;
        });
    }

    [Fact]
    public async Task SeedDemo_ClinicianSignsInWithThePrintedPasswordAndAuthenticatorCode_AndTheDashboardIsSortedByNeed()
    {
        var (app, result) = (demo.App, demo.Result);
        var text = DemoSeed.Describe(result, "Sqlite");
        Assert.Contains(result.Clinician.Password, text, StringComparison.Ordinal);
        Assert.Contains(result.AuthenticatorKey, text, StringComparison.Ordinal);
        Assert.Contains($"otpauth://totp/HipRehab:demo.clinician%40example.org?secret={result.AuthenticatorKey}", text, StringComparison.Ordinal);

        var clinician = await SignInAsync(app, result.Clinician, result.AuthenticatorKey);
        var rows = (await (await clinician.GetAsync($"/api/v1/clinics/{result.ClinicId}/patients")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();

        Assert.Equal(DemoPeople.All.Count, rows.Count);
        // Worsening pain that has lasted a week raised E2 (see-clinician-soon), so that person sits with
        // the flare among the see-clinician alerts, the longest-waiting alert first, worsening pain as a further reason.
        var expected = new (DemoStory[] Stories, string Reason)[]
        {
            ([DemoStory.RedFlag], "urgent-alert"),
            ([DemoStory.Flare, DemoStory.Worsening], "see-clinician-alert"),
            ([DemoStory.Flare, DemoStory.Worsening], "see-clinician-alert"),
            ([DemoStory.AwaitingClearance], "awaiting-clearance"),
            ([DemoStory.LowAdherence], "low-adherence"),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Contains(rows[i].GetProperty("email").GetString(), DemoPeople.All.Where(p => expected[i].Stories.Contains(p.Story)).Select(p => p.Email));
            Assert.Equal(expected[i].Reason, rows[i].GetProperty("reasons")[0].GetString());
        }

        Assert.NotEqual(rows[1].GetProperty("email").GetString(), rows[2].GetProperty("email").GetString());
        var worsening = rows.Single(r => r.GetProperty("email").GetString() == DemoPeople.All.Single(p => p.Story == DemoStory.Worsening).Email);
        Assert.Equal(["see-clinician-alert", "worsening-pain"], worsening.GetProperty("reasons").Strings());

        Assert.All(rows.Skip(expected.Length), r => Assert.Equal("none", r.GetProperty("reasons")[0].GetString()));
        Assert.Equal("paused", rows[0].GetProperty("planStatus").GetString());

        // The printed person's sign-in works too (no second factor for a person).
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = result.Person.Email, password = result.Person.Password });
        await login.ExpectAsync(HttpStatusCode.OK);
    }

    internal static async Task<HttpClient> SignInAsync(TestApp app, DemoSeed.Login login, string key)
    {
        var tokens = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = login.Email, password = login.Password, twoFactorCode = Totp.Code(key, Clinics.TotpNow()) })).ExpectAsync(HttpStatusCode.OK);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    private static Task<string> IdOfAsync(AppDb db, DemoStory story)
    {
        var email = DemoPeople.All.First(p => p.Story == story).Email;
        return db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}

/// <summary>Running the seeder, again, or not at all: each test on a fresh app.</summary>
public sealed class DemoSeedRunTests
{
    [Fact]
    public async Task SeedDemo_RunTwice_AddsNothing_SaysSo_AndKeepsTheAuthenticatorKey()
    {
        await using var app = new TestApp();
        var first = await DemoSeed.RunAsync(app.Services, CancellationToken.None);
        var before = await CountsAsync(app);

        var second = await DemoSeed.RunAsync(app.Services, CancellationToken.None);

        Assert.Equal(before, await CountsAsync(app));
        Assert.True(second.AddedNothing);
        Assert.Empty(second.Created);
        Assert.Equal(DemoPeople.All.Count, second.AlreadyThere.Count);
        Assert.Equal(first.ClinicId, second.ClinicId);
        Assert.Equal(first.AuthenticatorKey, second.AuthenticatorKey);
        Assert.Contains("already here, so nothing was added", DemoSeed.Describe(second, "Sqlite"), StringComparison.Ordinal);
        // Only a hash of a password is kept, so the second run sets a new one, and it works.
        var clinician = await DemoSeedTests.SignInAsync(app, second.Clinician, second.AuthenticatorKey);
        await (await clinician.GetAsync($"/api/v1/clinics/{second.ClinicId}/patients")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NormalStart_DoesNotSeed()
    {
        await using var app = new TestApp();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);

        Assert.Equal((0, 0), await app.WithDbAsync(async db => (await db.Clinics.CountAsync(), await db.Users.CountAsync())));
    }

    [Fact]
    public void SeedDemoFlag_IsRecognised_AndKeptOutOfConfiguration()
    {
        Assert.True(DemoSeed.Requested(["--urls", "http://127.0.0.1:5099", "--seed-demo"]));
        Assert.False(DemoSeed.Requested(["--urls", "http://127.0.0.1:5099"]));
        Assert.Equal(["--seed-demo-not", "x"], DemoSeed.WithoutFlag(["--seed-demo", "--seed-demo-not", "x"]));
    }

    private static Task<string> CountsAsync(TestApp app) => app.WithDbAsync(async db => string.Join(",",
        await db.Users.CountAsync(), await db.Clinics.CountAsync(), await db.ClinicStaff.CountAsync(), await db.ClinicLinks.CountAsync(),
        await db.PatientInvitations.CountAsync(), await db.Intakes.CountAsync(), await db.Plans.CountAsync(), await db.PlanItems.CountAsync(),
        await db.Sessions.CountAsync(), await db.ExerciseLogs.CountAsync(), await db.Decisions.CountAsync(), await db.CheckIns.CountAsync(),
        await db.Alerts.CountAsync()));
}
