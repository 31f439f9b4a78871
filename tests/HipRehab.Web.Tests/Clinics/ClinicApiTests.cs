using System.Net.Http.Headers;

namespace HipRehab.Web.Tests;

/// <summary>Clinics, staff, invitations and sharing (docs/api.md "Clinics", issue 4).</summary>
public sealed class ClinicApiTests(TestApp app) : IClassFixture<TestApp>
{
    private const string TwoFactorType = "https://hiprehab.org/problems/two-factor-required";

    [Fact]
    public async Task CreateClinic_MakesTheCallerItsAdmin()
    {
        var person = await app.SignUpAsync();
        var created = await (await person.Client.PostAsJsonAsync("/api/v1/clinics", new { name = "  Hillside Physio " })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("admin", created.GetProperty("role").GetString());
        var mine = await (await person.Client.GetAsync("/api/v1/clinics")).ExpectAsync(HttpStatusCode.OK);
        var clinic = Assert.Single(mine.EnumerateArray());
        Assert.Equal("Hillside Physio", clinic.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("id").GetString(), clinic.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{ "name": "" }""", "name")]
    [InlineData("""{ }""", "name")]
    [InlineData("""{ "name": 12 }""", "name")]
    [InlineData("""[1, 2]""", "body")]
    public async Task CreateClinic_BadInput_Is400NamingTheField(string body, string field)
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PostRawAsync("/api/v1/clinics", body)).ValidationProblemAsync(field);
        await (await person.Client.PostRawAsync("/api/v1/clinics", $$"""{ "name": "{{new string('x', 201)}}" }""")).ValidationProblemAsync("name");
        Assert.Empty((await (await person.Client.GetAsync("/api/v1/clinics")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    [Fact]
    public async Task StaffInvitation_AcceptedByTheInvitedAddress_JoinsWithTheRole_Once()
    {
        var admin = await app.NewClinicAsync();
        var invited = await app.SignUpAsync("clinician");
        var code = (await (await admin.Client.PostAsJsonAsync(admin.Url("/staff-invitations"), new { email = invited.Email.ToUpperInvariant(), role = "clinician" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString()!;

        // Someone else holding the code cannot use it: it is bound to the invited address.
        var other = await app.SignUpAsync("other");
        await (await other.Client.PostAsync($"/api/v1/staff-invitations/{code}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await other.Client.GetAsync("/api/v1/clinics")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());

        // Typed in lower case with spaces instead of dashes, it still works.
        var joined = await (await invited.Client.PostAsync($"/api/v1/staff-invitations/{code.ToLowerInvariant().Replace('-', ' ')}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(admin.ClinicId, joined.GetProperty("clinicId").GetString());
        Assert.Equal("clinician", joined.GetProperty("role").GetString());
        await (await invited.Client.PostAsync($"/api/v1/staff-invitations/{code}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await invited.Client.PostAsync($"/api/v1/staff-invitations/{Guid.NewGuid()}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StaffInvitation_ByAClinician_Is403_AndCreatesNothing()
    {
        var admin = await app.NewClinicAsync();
        var clinician = await app.AddStaffAsync(admin, "clinician");
        var before = await app.WithDbAsync(db => Task.FromResult(db.StaffInvitations.Count()));
        var problem = await (await clinician.Client.PostAsJsonAsync(admin.Url("/staff-invitations"), new { email = People.NewEmail(), role = "admin" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        Assert.EndsWith("/admin-only", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.StaffInvitations.Count())));
    }

    [Theory]
    [InlineData("""{ "email": "not an address", "role": "clinician" }""", "email")]
    [InlineData("""{ "email": "a@example.org", "role": "owner" }""", "role")]
    [InlineData("""{ "role": "admin" }""", "email")]
    [InlineData("""{ "email": "a@example.org", "role": 3 }""", "role")]
    public async Task StaffInvitation_BadInput_Is400NamingTheField(string body, string field)
    {
        var admin = await app.NewClinicAsync();
        await (await admin.Client.PostRawAsync(admin.Url("/staff-invitations"), body)).ValidationProblemAsync(field);
    }

    [Fact]
    public async Task Invitations_Expire()
    {
        await using var own = new TestApp();
        var admin = await own.NewClinicAsync();
        var invited = await own.SignUpAsync("late");
        var staffCode = (await (await admin.Client.PostAsJsonAsync(admin.Url("/staff-invitations"), new { email = invited.Email, role = "clinician" }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString();
        var patientCode = await admin.NewPatientCodeAsync();

        own.Clock.Advance(TimeSpan.FromDays(15));
        // Tokens age with the clock: sign in again.
        var lateStaff = await SignInAgainAsync(own, invited);
        var latePerson = await own.SignUpAsync("person");
        await (await lateStaff.PostAsync($"/api/v1/staff-invitations/{staffCode}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
        await (await latePerson.Client.PostAsJsonAsync("/api/v1/me/clinic-links", new { code = patientCode })).ValidationProblemAsync("code");
        Assert.Empty((await (await latePerson.Client.GetAsync("/api/v1/me/clinic-links")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
    }

    private static async Task<HttpClient> SignInAgainAsync(TestApp own, Person person)
    {
        var tokens = await (await own.CreateClient().LoginAsync(person.Email, person.Password)).ExpectAsync(HttpStatusCode.OK);
        var client = own.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    [Theory]
    [InlineData("""{ "code": "" }""")]
    [InlineData("""{ }""")]
    [InlineData("""{ "code": "0000-0000-0000-0000-0000-0000-0000-0000" }""")]
    public async Task Linking_WithABadCode_Is400NamingCode(string body)
    {
        var person = await app.SignUpAsync();
        await (await person.Client.PostRawAsync("/api/v1/me/clinic-links", body)).ValidationProblemAsync("code");
    }

    [Fact]
    public async Task Linking_APatientCodeWorksOnce_AndThePersonSeesWhoTheyShareWith()
    {
        var staff = await app.NewClinicAsync("Lakeside Clinic");
        var code = await staff.NewPatientCodeAsync();
        var person = await app.SignUpAsync();
        var linked = await (await person.Client.PostAsJsonAsync("/api/v1/me/clinic-links", new { code })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(staff.ClinicId, linked.GetProperty("clinicId").GetString());

        var someoneElse = await app.SignUpAsync();
        await (await someoneElse.Client.PostAsJsonAsync("/api/v1/me/clinic-links", new { code })).ValidationProblemAsync("code");

        var links = await (await person.Client.GetAsync("/api/v1/me/clinic-links")).ExpectAsync(HttpStatusCode.OK);
        var link = Assert.Single(links.EnumerateArray());
        Assert.Equal("Lakeside Clinic", link.GetProperty("clinicName").GetString());
        Assert.True(link.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task EndingAShare_TheClinicSeesNothingOfThePerson()
    {
        var staff = await app.NewClinicAsync();
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await person.LinkAsync(staff);
        var patientId = await app.UserIdAsync(person);
        await (await staff.Client.GetAsync(staff.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);
        var alertId = (await person.Client.GetAlertsAsync())[0].GetProperty("id").GetString();

        await (await person.Client.DeleteAsync($"/api/v1/me/clinic-links/{staff.ClinicId}")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Empty((await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty((await (await staff.Client.GetAsync(staff.Url("/alerts"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await (await staff.Client.GetAsync(staff.Url($"/patients/{patientId}"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/notes"), new { text = "Called, no answer." })).ProblemAsync(HttpStatusCode.NotFound);
        await (await staff.Client.PostAsync(staff.Url($"/alerts/{alertId}/resolve"), null)).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("open", (await person.Client.GetAlertsAsync())[0].GetProperty("status").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.ClinicalNotes.Count(n => n.PatientId == patientId))));

        var link = Assert.Single((await (await person.Client.GetAsync("/api/v1/me/clinic-links")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.False(link.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.String, link.GetProperty("endedAt").ValueKind);
        await (await person.Client.DeleteAsync($"/api/v1/me/clinic-links/{staff.ClinicId}")).ProblemAsync(HttpStatusCode.NotFound);

        // Sharing again takes a new code from the clinic: the person decides.
        await person.LinkAsync(staff);
        await (await staff.Client.GetAsync(staff.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PatientData_WithoutASecondFactor_Is403TwoFactorRequired_UntilSignedInWithIt()
    {
        var admin = await app.NewClinicAsync(secondFactor: false);
        var (person, _) = await app.SignUpWithPlanAsync();
        await person.LinkAsync(admin);
        var patientId = await app.UserIdAsync(person);
        foreach (var url in new[] { admin.Url("/patients"), admin.Url($"/patients/{patientId}"), admin.Url("/alerts"), admin.Url("/audit") })
        {
            var problem = await (await admin.Client.GetAsync(url)).ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(TwoFactorType, problem.GetProperty("type").GetString());
        }

        var note = await (await admin.Client.PostAsJsonAsync(admin.Url($"/patients/{patientId}/notes"), new { text = "hello" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(TwoFactorType, note.GetProperty("type").GetString());

        // Enrolling is not enough: the token in hand was issued without the second factor.
        var key = await admin.Person.EnrolTwoFactorAsync();
        await (await admin.Client.GetAsync(admin.Url("/patients"))).ProblemAsync(HttpStatusCode.Forbidden);

        // Once enrolled, a password alone no longer signs in.
        var passwordOnly = await app.CreateClient().LoginAsync(admin.Person.Email, admin.Person.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);

        var withCode = await app.SignInWithSecondFactorAsync(admin.Person, key);
        await (await withCode.Client.GetAsync(admin.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patients_AreSortedByNeed_WithTheReasonInPlainWords()
    {
        var staff = await app.NewClinicAsync();
        var (fine, _) = await app.SignUpWithPlanAsync("fine");
        var (soon, _) = await app.SignUpWithPlanAsync("soon");
        var (urgent, _) = await app.SignUpWithPlanAsync("urgent");
        await (await soon.Client.CheckInAsync(Bodies.CheckIn("2026-11-25", 8))).ExpectAsync(HttpStatusCode.Created);
        await (await soon.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 9))).ExpectAsync(HttpStatusCode.Created);
        await (await urgent.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        foreach (var p in new[] { fine, soon, urgent })
        {
            await p.LinkAsync(staff);
        }

        // Someone who shares with another clinic never appears here.
        var other = await app.NewClinicAsync("Elsewhere");
        var (stranger, _) = await app.SignUpWithPlanAsync("stranger");
        await (await stranger.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "sudden-severe-pain"))).ExpectAsync(HttpStatusCode.Created);
        await stranger.LinkAsync(other);

        var rows = (await (await staff.Client.GetAsync(staff.Url("/patients"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([urgent.Email, soon.Email, fine.Email], rows.Select(r => r.GetProperty("email").GetString()));
        Assert.Equal("urgent-alert", rows[0].GetProperty("reasons")[0].GetString());
        Assert.Equal("see-clinician-alert", rows[1].GetProperty("reasons")[0].GetString());
        Assert.Equal("none", rows[2].GetProperty("reasons")[0].GetString());
        Assert.Contains("urgent", rows[0].GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));

        var alerts = (await (await staff.Client.GetAsync(staff.Url("/alerts"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal("urgent-care", alerts[0].GetProperty("severity").GetString());
        Assert.DoesNotContain(alerts, a => a.GetProperty("patientEmail").GetString() == stranger.Email);
    }

    [Fact]
    public async Task PatientDetail_ShowsTheRecord_AndNotesCanBeAdded()
    {
        var staff = await app.NewClinicAsync();
        var (person, plan) = await app.SignUpWithPlanAsync();
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 0, 2)))).ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3))).ExpectAsync(HttpStatusCode.Created);
        await person.LinkAsync(staff);
        var patientId = await app.UserIdAsync(person);

        var note = await (await staff.Client.PostAsJsonAsync(staff.Url($"/patients/{patientId}/notes"), new { text = "  Walks 20 minutes a day now.  " })).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("Walks 20 minutes a day now.", note.GetProperty("text").GetString());

        var detail = await (await staff.Client.GetAsync(staff.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(person.Email, detail.GetProperty("email").GetString());
        Assert.Equal("clear", detail.GetProperty("intake").GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Equal(plan.GetProperty("id").GetString(), detail.GetProperty("plan").GetProperty("id").GetString());
        Assert.Contains(detail.GetProperty("plan").Items(), i => i.GetProperty("history").GetArrayLength() > 0);
        Assert.Single(detail.GetProperty("recentSessions").EnumerateArray());
        Assert.Single(detail.GetProperty("checkIns").EnumerateArray());
        Assert.Equal("Walks 20 minutes a day now.", Assert.Single(detail.GetProperty("notes").EnumerateArray()).GetProperty("text").GetString());
        Assert.Equal(staff.Person.Email, detail.GetProperty("notes")[0].GetProperty("authorEmail").GetString());
    }

    [Theory]
    [InlineData("""{ "text": "   " }""", "text")]
    [InlineData("""{ }""", "text")]
    [InlineData("""{ "text": ["a"] }""", "text")]
    public async Task Note_BadInput_Is400NamingTheField_AndStoresNothing(string body, string field)
    {
        var staff = await app.NewClinicAsync();
        var person = await app.SignUpAsync();
        await person.LinkAsync(staff);
        var patientId = await app.UserIdAsync(person);
        await (await staff.Client.PostRawAsync(staff.Url($"/patients/{patientId}/notes"), body)).ValidationProblemAsync(field);
        await (await staff.Client.PostRawAsync(staff.Url($"/patients/{patientId}/notes"), $$"""{ "text": "{{new string('n', 4001)}}" }""")).ValidationProblemAsync("text");
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.ClinicalNotes.Count(n => n.PatientId == patientId))));
    }

    [Fact]
    public async Task Bodies_NamingAnotherClinicOrPatient_AreIgnored()
    {
        var mine = await app.NewClinicAsync("Mine");
        var theirs = await app.NewClinicAsync("Theirs");
        var patient = await app.SignUpAsync("patient");
        var victim = await app.SignUpAsync("victim");
        await patient.LinkAsync(mine);
        await victim.LinkAsync(theirs);
        var patientId = await app.UserIdAsync(patient);
        var victimId = await app.UserIdAsync(victim);

        // A note names another clinic and person in its body: it is filed where the route says, or nowhere.
        await (await mine.Client.PostAsJsonAsync(mine.Url($"/patients/{patientId}/notes"), new { text = "Mine.", clinicId = theirs.ClinicId, patientId = victimId }))
            .ExpectAsync(HttpStatusCode.Created);
        var notes = await app.WithDbAsync(db => Task.FromResult(db.ClinicalNotes.Where(n => n.Text == "Mine.").Select(n => new { n.ClinicId, n.PatientId }).ToList()));
        Assert.Equal(mine.ClinicId, Assert.Single(notes).ClinicId.ToString());
        Assert.Equal(patientId, notes[0].PatientId);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.ClinicalNotes.Count(n => n.PatientId == victimId))));

        // A link body names another clinic: the code alone decides.
        var third = await app.SignUpAsync("third");
        var linked = await (await third.Client.PostAsJsonAsync("/api/v1/me/clinic-links", new { code = await mine.NewPatientCodeAsync(), clinicId = theirs.ClinicId }))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(mine.ClinicId, linked.GetProperty("clinicId").GetString());

        // A staff invitation names another clinic: the invitation is for the route's clinic.
        var invited = await app.SignUpAsync("invited");
        var code = (await (await mine.Client.PostAsJsonAsync(mine.Url("/staff-invitations"), new { email = invited.Email, role = "admin", clinicId = theirs.ClinicId }))
            .ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString();
        var joined = await (await invited.Client.PostAsync($"/api/v1/staff-invitations/{code}/accept", null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(mine.ClinicId, joined.GetProperty("clinicId").GetString());

        // A new clinic's body cannot choose its id.
        var chosen = Guid.NewGuid().ToString();
        var created = await (await invited.Client.PostAsJsonAsync("/api/v1/clinics", new { name = "New", id = chosen })).ExpectAsync(HttpStatusCode.Created);
        Assert.NotEqual(chosen, created.GetProperty("id").GetString());
    }

    [Fact]
    public async Task StaffOfAnotherClinic_NamingAPatientUnderTheirOwnClinic_Is404()
    {
        var mine = await app.NewClinicAsync("Mine");
        var theirs = await app.NewClinicAsync("Theirs");
        var victim = await app.SignUpAsync("victim");
        await victim.LinkAsync(theirs);
        var victimId = await app.UserIdAsync(victim);
        var before = await app.AuditCountAsync();

        var problem = await (await mine.Client.GetAsync(mine.Url($"/patients/{victimId}"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(victim.Email, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        // The same answer as for nobody at all, so existence is not revealed.
        await (await mine.Client.GetAsync(mine.Url($"/patients/{Guid.NewGuid()}"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await mine.Client.GetAsync($"/api/v1/clinics/{theirs.ClinicId}/patients")).ProblemAsync(HttpStatusCode.NotFound);

        // The attempts under their own clinic are on its audit log, as denied.
        var outcomes = await app.WithDbAsync(db => Task.FromResult(db.AuditEntries.Where(a => a.ClinicId == Guid.Parse(mine.ClinicId)).Select(a => a.Outcome).ToList()));
        Assert.Equal(before + 2, await app.AuditCountAsync());
        Assert.Equal(["denied-not-linked", "denied-not-linked"], outcomes);
    }

    [Fact]
    public async Task ResolvingAnAlert_OfALinkedPatient_TheyAndTheClinicSeeItResolved()
    {
        var staff = await app.NewClinicAsync();
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await person.LinkAsync(staff);
        var alertId = (await person.Client.GetAlertsAsync())[0].GetProperty("id").GetString();

        var resolved = await (await staff.Client.PostAsync(staff.Url($"/alerts/{alertId}/resolve"), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("resolved", (await person.Client.GetAlertsAsync())[0].GetProperty("status").GetString());
        Assert.Empty((await (await staff.Client.GetAsync(staff.Url("/alerts"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        await (await staff.Client.PostAsync(staff.Url($"/alerts/{Guid.NewGuid()}/resolve"), null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StaffSignIn_WrongSecondFactorCodes_LockTheAccount()
    {
        var staff = await app.NewClinicAsync();
        var anonymous = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = staff.Person.Email, password = staff.Person.Password, twoFactorCode = "000000" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await anonymous.PostAsJsonAsync("/api/v1/auth/login",
            new { email = staff.Person.Email, password = staff.Person.Password, twoFactorCode = Totp.Code(staff.SharedKey, Clinics.TotpNow()) });
        var body = await right.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("LockedOut", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StaffSignIn_IsRateLimited_LikeEveryoneElses()
    {
        await using var limited = new TestApp();
        limited.Settings["RateLimiting:SignInPermitsPerMinute"] = "6";
        // Register, log in, 2fa setup and enable, and the second-factor log-in: five calls under the limit.
        var staff = await limited.NewClinicAsync();
        var second = await limited.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = staff.Person.Email, password = staff.Person.Password, twoFactorCode = Totp.Code(staff.SharedKey, Clinics.TotpNow()) });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var refused = await limited.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = staff.Person.Email, password = staff.Person.Password, twoFactorCode = Totp.Code(staff.SharedKey, Clinics.TotpNow()) });
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task RefreshedToken_DoesNotCarryTheSecondFactor_SoStaffSignInAgain()
    {
        // Identity's refresh rebuilds the sign-in from the account and drops how it was made (amr):
        // the safe side. A refreshed token still works for the person's own data.
        var staff = await app.NewClinicAsync();
        var fresh = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = staff.Person.RefreshToken })).ExpectAsync(HttpStatusCode.OK);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh.GetProperty("accessToken").GetString());
        var problem = await (await client.GetAsync(staff.Url("/patients"))).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(TwoFactorType, problem.GetProperty("type").GetString());
        await (await client.GetAsync("/api/v1/me/clinic-links")).ExpectAsync(HttpStatusCode.OK);
    }
}
