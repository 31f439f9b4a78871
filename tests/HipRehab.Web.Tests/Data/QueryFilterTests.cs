using System.Security.Claims;
using HipRehab.Web.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// Tenant isolation in depth: AppDb's global query filters keep every person-owned table to the
/// request's caller, so a query that forgets its own "where UserId = …" still finds no one else's
/// rows. Each test reads through the app's own AppDb in a scope set up as a request would be.
/// </summary>
public sealed class QueryFilterTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private Person _ann = null!;
    private Person _bob = null!;
    private string _annId = "";
    private string _bobId = "";

    public async Task InitializeAsync()
    {
        (_ann, var annPlan) = await _app.SignUpWithPlanAsync("ann");
        (_bob, var bobPlan) = await _app.SignUpWithPlanAsync("bob");
        await (await _ann.Client.LogSessionAsync(Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(annPlan.FirstStrengthItem(), 0, 3)))).ExpectAsync(HttpStatusCode.Created);
        await (await _bob.Client.LogSessionAsync(Bodies.Session("2026-11-26T07:00:00Z", Bodies.Done(bobPlan.FirstStrengthItem(), 0, 3)))).ExpectAsync(HttpStatusCode.Created);
        await (await _ann.Client.PostAsJsonAsync("/api/v1/me/check-ins", Bodies.CheckIn("2026-11-26", usualPain: 8))).ExpectAsync(HttpStatusCode.Created);
        await (await _bob.Client.PostAsJsonAsync("/api/v1/me/check-ins", Bodies.CheckIn("2026-11-26", usualPain: 9))).ExpectAsync(HttpStatusCode.Created);
        _annId = await IdOfAsync(_ann.Email);
        _bobId = await IdOfAsync(_bob.Email);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<string> IdOfAsync(string email) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Every filtered table, read with no condition of its own: the owners of the rows it returns.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> OwnersSeenAsync(AppDb db) => new()
    {
        ["intakes"] = [.. await db.Intakes.Select(x => x.UserId).ToListAsync()],
        ["plans"] = [.. await db.Plans.Select(x => x.UserId).ToListAsync()],
        ["plan items"] = [.. await db.PlanItems.Select(x => x.UserId).ToListAsync()],
        ["sessions"] = [.. await db.Sessions.Select(x => x.UserId).ToListAsync()],
        ["exercise logs"] = [.. await db.ExerciseLogs.Select(x => x.UserId).ToListAsync()],
        ["decisions"] = [.. await db.Decisions.Select(x => x.UserId).ToListAsync()],
        ["check-ins"] = [.. await db.CheckIns.Select(x => x.UserId).ToListAsync()],
        ["alerts"] = [.. await db.Alerts.Select(x => x.UserId).ToListAsync()],
        ["plans with items (include)"] = [.. (await db.Plans.Include(p => p.Items).ToListAsync()).SelectMany(p => p.Items.Select(i => i.UserId))],
    };

    private async Task<Dictionary<string, HashSet<string>>> ReadAsAsync(string? userId, string? opened = null, Guid? openedClinic = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var http = new DefaultHttpContext
        {
            User = userId is null ? new ClaimsPrincipal(new ClaimsIdentity()) : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId)], "test")),
        };
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        scope.ServiceProvider.GetRequiredService<CallerScope>().ForRequest(http);
        if (opened is not null)
        {
            db.Caller.OpenPatient(opened);
        }

        if (openedClinic is Guid clinicId)
        {
            db.Caller.OpenClinic(clinicId);
        }

        return await OwnersSeenAsync(db);
    }

    [Fact]
    public async Task AQuery_WithoutItsOwnCondition_SeesOnlyTheCallersRows()
    {
        var seen = await ReadAsAsync(_annId);
        foreach (var (table, owners) in seen)
        {
            Assert.True(owners.SetEquals([_annId]), $"{table}: saw {string.Join(", ", owners)}");
        }
    }

    [Fact]
    public async Task AnAnonymousRequest_SeesNoPersonsRows()
    {
        var seen = await ReadAsAsync(null);
        Assert.All(seen, table => Assert.Empty(table.Value));
    }

    [Fact]
    public async Task Staff_SeeOnlyThePeopleTheyOpened()
    {
        var staffId = (await _app.WithDbAsync(db => db.Users.Where(u => u.Email != _ann.Email && u.Email != _bob.Email).Select(u => u.Id).ToListAsync())).FirstOrDefault()
            ?? "someone-without-records";
        var seen = await ReadAsAsync(staffId, opened: _bobId);
        foreach (var (table, owners) in seen)
        {
            Assert.True(owners.SetEquals([_bobId]), $"{table}: saw {string.Join(", ", owners)}");
        }
    }

    [Fact]
    public async Task Staff_OpeningTheirClinic_SeeOnlyThePeopleLinkedToItNow()
    {
        var clinic = await _app.NewClinicAsync("Filter Clinic");
        await _bob.LinkAsync(clinic);
        var staffId = await IdOfAsync(clinic.Person.Email);
        var seen = await ReadAsAsync(staffId, openedClinic: Guid.Parse(clinic.ClinicId));
        foreach (var (table, owners) in seen)
        {
            Assert.True(owners.SetEquals([_bobId]), $"{table}: saw {string.Join(", ", owners)}");
        }

        // Once Bob stops sharing, the clinic's scope holds no one.
        await (await _bob.Client.DeleteAsync($"/api/v1/me/clinic-links/{clinic.ClinicId}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.All(await ReadAsAsync(staffId, openedClinic: Guid.Parse(clinic.ClinicId)), table => Assert.Empty(table.Value));
    }

    [Fact]
    public async Task WorkOutsideARequest_SeesEveryone_AndAPooledContextKeepsNoEarlierCallersScope()
    {
        // A request's scope first, so the pool holds a context that was scoped to Ann ...
        Assert.True((await ReadAsAsync(_annId))["check-ins"].SetEquals([_annId]));

        // ... then work that is not a request (the session writer, the seeder) reads every owner.
        var seen = await _app.WithDbAsync(OwnersSeenAsync);
        foreach (var (table, owners) in seen)
        {
            Assert.True(owners.IsSupersetOf([_annId, _bobId]), $"{table}: saw only {string.Join(", ", owners)}");
        }
    }

    [Fact]
    public async Task TheApi_StillGivesEachPersonTheirOwnRecords()
    {
        // The filters apply to real requests too: each person's own lists are whole and only theirs.
        var annAlerts = await _ann.Client.GetAlertsAsync();
        var bobAlerts = await _bob.Client.GetAlertsAsync();
        Assert.NotEmpty(annAlerts);
        Assert.NotEmpty(bobAlerts);
        Assert.Empty(annAlerts.Select(a => a.GetProperty("id").GetString()).Intersect(bobAlerts.Select(a => a.GetProperty("id").GetString())));
        // Monday: the check-in of 8 on the 26th makes that day a rest day (E5), so a day without one is read.
        var today = await _ann.Client.GetTodayAsync("2026-11-23");
        Assert.True(today.GetProperty("due").GetArrayLength() > 0);
    }
}
