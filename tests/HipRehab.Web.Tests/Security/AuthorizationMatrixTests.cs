using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HipRehab.Web.Tests;

/// <summary>
/// Every endpoint whose route takes an id, filled with a victim's real resources and called as
/// someone who must not reach them: anonymous, another person, staff of another clinic, and a
/// person linked to the victim's clinic (on routes that need staff rights). Nothing may leak and
/// nothing may be written. A route with an id this test does not know how to fill fails it.
/// </summary>
public sealed class AuthorizationMatrixTests(TestApp app, ITestOutputHelper output) : IClassFixture<TestApp>
{
    private sealed record Caller(string Name, HttpClient Client, bool StaffRoutesOnly = false);

    [Fact]
    public async Task NoRouteWithAnId_LeaksOrWrites_ForCallersOutOfReach()
    {
        // The victim: a linked patient with a plan, a session, an alert and a clinic note.
        var clinic = await app.NewClinicAsync("Victim Clinic");
        var (victim, plan) = await app.SignUpWithPlanAsync("victim");
        var session = await (await victim.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 0, 2)))).ExpectAsync(HttpStatusCode.Created);
        await (await victim.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await victim.LinkAsync(clinic);
        var victimId = await app.UserIdAsync(victim);
        var alertId = (await victim.Client.GetAlertsAsync())[0].GetProperty("id").GetString()!;
        const string secretNote = "Victim note: lives alone, stairs are hard.";
        await (await clinic.Client.PostAsJsonAsync(clinic.Url($"/patients/{victimId}/notes"), new { text = secretNote })).ExpectAsync(HttpStatusCode.Created);
        var staffCode = (await (await clinic.Client.PostAsJsonAsync(clinic.Url("/staff-invitations"), new { email = People.NewEmail("colleague"), role = "admin" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString()!;
        // An outcome, a weight and an activity entry, each reachable by its own id route.
        var outcomeId = (await victim.Client.RecordOkAsync(Outcomes.Psfs("2026-11-26", 2, 3, 4))).GetProperty("id").GetString()!;
        var weightId = (await (await victim.Client.PostAsJsonAsync("/api/v1/me/body-measurements", new { date = "2026-11-26", weightKg = 81.25 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var activityId = (await (await victim.Client.PostAsJsonAsync("/api/v1/me/activity", new { date = "2026-11-26", minutes = 37 }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        var secrets = new[] { victim.Email, victimId, secretNote, alertId, plan.GetProperty("id").GetString()!, session.GetProperty("id").GetString()!,
            outcomeId, weightId, activityId };

        // Values for every id a route can take. A new kind of id must be added here.
        var values = new Dictionary<string, string>
        {
            ["clinicId"] = clinic.ClinicId,
            ["patientId"] = victimId,
            ["alertId"] = alertId,
            ["itemId"] = plan.FirstStrengthItem().GetProperty("id").GetString()!,
            ["code"] = staffCode,
            // /api/v1/me/alerts/{id}/acknowledge and the session summary page. The clinic pages
            // (/clinics/{clinicId}/..., /me/sharing/stop/{clinicId}) use clinicId and patientId above.
            ["id"] = alertId,
        };
        // Routes whose {id} is another kind of resource than an alert: filled with the victim's own.
        var pageIds = new Dictionary<string, string>
        {
            ["/me/session/summary/{id}"] = session.GetProperty("id").GetString()!,
            ["/api/v1/me/outcomes/{id}"] = outcomeId,
            ["/api/v1/me/body-measurements/{id}"] = weightId,
            ["/api/v1/me/activity/{id}"] = activityId,
        };

        // Bodies that would succeed were the caller allowed, so only authorization stands in the way.
        var bodies = new Dictionary<string, object>
        {
            ["POST /api/v1/clinics/{clinicId}/patients/{patientId}/notes"] = new { text = "Written by someone out of reach." },
            ["POST /api/v1/clinics/{clinicId}/staff-invitations"] = new { email = People.NewEmail("intruder"), role = "admin" },
            ["PUT /api/v1/clinics/{clinicId}/patients/{patientId}/precautions"] = new { set = "posterior", forbiddenDemands = Array.Empty<string>(), until = (string?)null },
            ["PUT /api/v1/clinics/{clinicId}/patients/{patientId}/plan/items/{itemId}"] = new { pinned = true },
            ["POST /api/v1/clinics/{clinicId}/patients/{patientId}/plan/items"] = new { exerciseId = "calf-stretch-wall" },
            ["POST /api/v1/clinics/{clinicId}/exercises"] = Tailor.CustomFamily("intruder-exercise"),
        };

        // Every field the pages' forms take, with values that the victim's own clinic could save.
        var pageForm = new Dictionary<string, string>
        {
            ["text"] = "Written by someone out of reach.", ["alertId"] = alertId, ["ruleIds"] = "RF7", ["clearanceNote"] = "Cleared by someone out of reach.",
            ["set"] = "posterior", ["until"] = "", ["exerciseId"] = plan.FirstStrengthItem().GetProperty("exerciseId").GetString()!, ["sets"] = "1",
            ["pinned"] = "true", ["usualPain"] = "3", ["settledSinceLastSession"] = "yes", ["code"] = "AAAA-BBBB",
        };

        // The callers, each signed in both ways (bearer for the API, cookie for pages).
        var other = await app.SignUpWithPlanAsync("other");
        var otherStaff = await app.NewClinicAsync("Other Clinic");
        var (linked, _) = await app.SignUpWithPlanAsync("linked");
        await linked.LinkAsync(clinic);
        var callers = new List<Caller>
        {
            new("anonymous", NewClient(null)),
            new("another person", await BothWaysAsync(other.Person, null)),
            new("staff of another clinic", await BothWaysAsync(otherStaff.Person, otherStaff.SharedKey)),
            new("a linked person of the same clinic", await BothWaysAsync(linked, null), StaffRoutesOnly: true),
        };

        // Route values that name no one's data (reviewed): an instrument is a questionnaire's name, the
        // same for everyone, and its page reads and writes only the caller's own records.
        string[] notIds = ["instrument"];
        var routes = EndpointPolicyTests.Endpoints(app)
            .Where(x => x.Endpoint.RoutePattern.Parameters.Any(p => !notIds.Contains(p.Name)) && !EndpointPolicyTests.IsAnonymous(x.Endpoint))
            .ToList();
        Assert.NotEmpty(routes);
        var before = await FingerprintAsync();
        var requests = 0;
        var pageHandlers = 0;
        var leaks = new List<string>();
        foreach (var (endpoint, method) in routes)
        {
            var route = EndpointPolicyTests.Route(endpoint);
            var url = Regex.Replace(route, @"\{(\w+)\}", m =>
                pageIds.TryGetValue(route, out var pageId) ? pageId
                : values.TryGetValue(m.Groups[1].Value, out var v) ? Uri.EscapeDataString(v)
                : throw new InvalidOperationException($"The matrix cannot fill {{{m.Groups[1].Value}}} in {route}: add a victim's value for it."));
            var verb = method == EndpointPolicyTests.AnyMethod ? "GET" : method;
            var staffRights = route.StartsWith("/api/v1/clinics", StringComparison.Ordinal) || route.StartsWith("/api/v1/staff-invitations", StringComparison.Ordinal)
                || route.StartsWith("/clinics/", StringComparison.Ordinal);
            foreach (var caller in callers.Where(c => !c.StaffRoutesOnly || staffRights))
            {
                var request = new HttpRequestMessage(new HttpMethod(verb), url);
                if (verb is "POST" or "PUT")
                {
                    request.Content = JsonContent.Create(bodies.GetValueOrDefault($"{method} {route}") ?? new { });
                }

                var response = await caller.Client.SendAsync(request);
                requests++;
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var refused = caller.Name == "anonymous"
                    ? status == 401 || (status == 302 && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true)
                    : status is 403 or 404;
                var leaked = secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
                if (!refused || leaked.Count > 0)
                {
                    leaks.Add($"{verb} {url} as {caller.Name}: {status} {(leaked.Count > 0 ? "showing " + string.Join(", ", leaked) : "")} {Short(text)}");
                }
            }

            // A page's form handlers, posted with the caller's own valid antiforgery token and a form
            // that would succeed for the victim's clinic: only authorization stands in the way.
            var page = endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } descriptor
                ? await app.Services.GetRequiredService<PageLoader>().LoadAsync(descriptor, endpoint.Metadata)
                : null;
            foreach (var handler in page?.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)) ?? [])
            {
                pageHandlers++;
                var postUrl = handler.Name is null ? url : $"{url}?handler={handler.Name}";
                foreach (var caller in callers.Where(c => !c.StaffRoutesOnly || staffRights))
                {
                    var form = new Dictionary<string, string>(pageForm) { ["__RequestVerificationToken"] = await AntiforgeryTokenAsync(caller) };
                    var response = await caller.Client.PostAsync(postUrl, new FormUrlEncodedContent(form));
                    requests++;
                    var text = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var refused = caller.Name == "anonymous"
                        ? status == 302 && response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) == true
                        : status is 403 or 404;
                    var leaked = secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (!refused || leaked.Count > 0)
                    {
                        leaks.Add($"POST {postUrl} as {caller.Name}: {status} {(leaked.Count > 0 ? "showing " + string.Join(", ", leaked) : "")} {Short(text)}");
                    }
                }
            }
        }

        var after = await FingerprintAsync();
        var written = before.Keys.Where(t => before[t] != after.GetValueOrDefault(t)).ToList();
        output.WriteLine($"{requests} requests, {routes.Count} routes, {leaks.Count} leaked, {written.Count} written ({pageHandlers} page form handlers among them)");
        Assert.True(pageHandlers >= 5, "the clinic pages' form handlers were not found");
        foreach (var (endpoint, method) in routes)
        {
            output.WriteLine($"  {method} {EndpointPolicyTests.Route(endpoint)}");
        }

        foreach (var line in leaks)
        {
            output.WriteLine(line);
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.True(written.Count == 0, "Tables changed: " + string.Join(", ", written));

        // The ids were real: the victim reaches their own records on the same routes.
        foreach (var (route, id) in pageIds.Where(x => x.Key.StartsWith("/api/v1/me/", StringComparison.Ordinal)))
        {
            await (await victim.Client.GetAsync(route.Replace("{id}", id, StringComparison.Ordinal))).ExpectAsync(HttpStatusCode.OK);
        }

        // The ids were real: the victim's own clinic reaches them on the same routes.
        await (await clinic.Client.GetAsync(clinic.Url($"/patients/{victimId}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(alertId, (await (await clinic.Client.GetAsync(clinic.Url("/alerts"))).ExpectAsync(HttpStatusCode.OK))[0].GetProperty("id").GetString());
    }

    private HttpClient NewClient(string? bearer)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    /// <summary>A client with the person's bearer token and their cookie session (Identity's login with useCookies).</summary>
    private async Task<HttpClient> BothWaysAsync(Person person, string? sharedKey)
    {
        var client = NewClient(person.AccessToken);
        object login = sharedKey is { Length: > 0 }
            ? new { email = person.Email, password = person.Password, twoFactorCode = Totp.Code(sharedKey, Clinics.TotpNow()) }
            : new { email = person.Email, password = person.Password };
        var cookie = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", login);
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        if (sharedKey is { Length: > 0 })
        {
            // The bearer token must carry the second factor too, so the two-factor gate cannot hide a tenant leak.
            var tokens = await (await NewClient(null).PostAsJsonAsync("/api/v1/auth/login", login)).ExpectAsync(HttpStatusCode.OK);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        }

        return client;
    }

    /// <summary>
    /// The caller's own antiforgery token (its cookie stays in the client): from a form page they may
    /// open, so a refused post is refused by authorization, not by a missing token.
    /// </summary>
    private static async Task<string> AntiforgeryTokenAsync(Caller caller)
    {
        var page = await caller.Client.GetAsync(caller.Name == "anonymous" ? "/account/login" : "/clinics/new");
        var html = await page.Content.ReadAsStringAsync();
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"no antiforgery token for {caller.Name} ({(int)page.StatusCode})");
        return match.Groups[1].Value;
    }

    /// <summary>A hash of every row of every table, by table.</summary>
    private Task<Dictionary<string, string>> FingerprintAsync() => app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var result = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            result[table] = $"{rows.Count}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", rows))))}";
        }

        await connection.CloseAsync();
        Assert.Contains("AuditEntries", result.Keys);
        return result;
    });

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
