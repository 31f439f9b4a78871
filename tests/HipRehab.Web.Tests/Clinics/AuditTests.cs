using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Tests;

/// <summary>Every read or write of a person's data by staff leaves exactly one audit entry; the log cannot be changed (issue 4).</summary>
public sealed class AuditTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task KAuditedOperations_LeaveExactlyKEntries_WithWhoWhatWhomAndOutcome()
    {
        var admin = await app.NewClinicAsync();
        var clinician = await app.AddStaffAsync(admin, "clinician");
        var withoutSecondFactor = await app.AddStaffAsync(admin, "clinician", secondFactor: false);
        var (person, _) = await app.SignUpWithPlanAsync();
        await (await person.Client.CheckInAsync(Bodies.CheckIn("2026-11-26", 3, true, "hot-swollen-fever"))).ExpectAsync(HttpStatusCode.Created);
        await person.LinkAsync(admin);
        var patientId = await app.UserIdAsync(person);
        var alertId = (await person.Client.GetAlertsAsync())[0].GetProperty("id").GetString();
        var stranger = Guid.NewGuid().ToString();
        var before = await app.AuditCountAsync();

        // Each line is one audited operation: (who, what, whom, outcome).
        var expected = new List<(string Actor, string Action, string? Patient, string Outcome)>();
        async Task Do(Staff who, Task<HttpResponseMessage> call, HttpStatusCode status, string action, string? patient, string outcome)
        {
            await (await call).ExpectAsync(status);
            expected.Add((who.Person.Email, action, patient, outcome));
        }

        await Do(clinician, clinician.Client.GetAsync(admin.Url("/patients")), HttpStatusCode.OK, "list-patients", null, "allowed");
        await Do(clinician, clinician.Client.GetAsync(admin.Url($"/patients/{patientId}")), HttpStatusCode.OK, "view-patient", patientId, "allowed");
        await Do(clinician, clinician.Client.PostAsJsonAsync(admin.Url($"/patients/{patientId}/notes"), new { text = "Seen today." }), HttpStatusCode.Created, "add-note", patientId, "allowed");
        await Do(clinician, clinician.Client.PostAsJsonAsync(admin.Url($"/patients/{patientId}/notes"), new { text = "" }), HttpStatusCode.BadRequest, "add-note", patientId, "denied-invalid-input");
        await Do(clinician, clinician.Client.GetAsync(admin.Url("/alerts")), HttpStatusCode.OK, "list-alerts", null, "allowed");
        await Do(clinician, clinician.Client.PostAsync(admin.Url($"/alerts/{alertId}/resolve"), null), HttpStatusCode.OK, "resolve-alert", patientId, "allowed");
        await Do(clinician, clinician.Client.PostAsync(admin.Url($"/alerts/{Guid.NewGuid()}/resolve"), null), HttpStatusCode.NotFound, "resolve-alert", null, "denied-not-found");
        await Do(clinician, clinician.Client.GetAsync(admin.Url($"/patients/{stranger}")), HttpStatusCode.NotFound, "view-patient", stranger, "denied-not-linked");
        await Do(withoutSecondFactor, withoutSecondFactor.Client.GetAsync(admin.Url($"/patients/{patientId}")), HttpStatusCode.Forbidden, "view-patient", patientId, "denied-two-factor-required");
        await Do(clinician, clinician.Client.GetAsync(admin.Url("/audit")), HttpStatusCode.Forbidden, "view-audit", null, "denied-not-admin");
        await Do(admin, admin.Client.GetAsync(admin.Url("/audit")), HttpStatusCode.OK, "view-audit", null, "allowed");

        // Not a person's data, so not on the log: a patient code, and the person's own reads.
        await admin.NewPatientCodeAsync();
        await person.Client.GetPlanAsync();

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ClinicId == Guid.Parse(admin.ClinicId))
            .OrderBy(a => a.Id).Select(a => new { a.ActorId, a.Action, a.PatientId, a.Outcome, a.At }).ToListAsync());
        Assert.Equal(before + expected.Count, await app.AuditCountAsync());
        Assert.Equal(expected.Count, entries.Count);
        var emails = await app.WithDbAsync(db => db.Users.ToDictionaryAsync(u => u.Id, u => u.Email));
        Assert.Equal(expected, entries.Select(e => (emails[e.ActorId]!, e.Action, e.PatientId, e.Outcome)));
        Assert.All(entries, e => Assert.Equal(TestApp.Now.UtcDateTime, e.At));
    }

    [Fact]
    public async Task AdminsSeeTheLog_AsJsonAndCsv_NewestFirst()
    {
        var admin = await app.NewClinicAsync();
        var person = await app.SignUpAsync();
        await person.LinkAsync(admin);
        var patientId = await app.UserIdAsync(person);
        await (await admin.Client.GetAsync(admin.Url($"/patients/{patientId}"))).ExpectAsync(HttpStatusCode.OK);

        var log = (await (await admin.Client.GetAsync(admin.Url("/audit"))).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal(["view-audit", "view-patient"], log.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(patientId, log[1].GetProperty("patientId").GetString());
        Assert.Equal(admin.Person.Email, log[1].GetProperty("actorEmail").GetString());

        var csv = await admin.Client.GetAsync(admin.Url("/audit?format=csv"));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("at,actorId,actorEmail,action,patientId,outcome,detail", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("2026-11-26T08:30:00Z,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",export-audit,,allowed", lines[1], StringComparison.Ordinal);
        Assert.Contains($",view-patient,{patientId},allowed", lines[3], StringComparison.Ordinal);

        await (await admin.Client.GetAsync(admin.Url("/audit?format=xml"))).ValidationProblemAsync("format");
        await (await admin.Client.GetAsync(admin.Url("/audit?limit=0"))).ValidationProblemAsync("limit");
        await (await admin.Client.GetAsync(admin.Url("/audit?limit=many"))).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheLog_CannotBeChangedOrDeleted_ThroughTheApp()
    {
        var admin = await app.NewClinicAsync();
        await (await admin.Client.GetAsync(admin.Url("/patients"))).ExpectAsync(HttpStatusCode.OK);
        var count = await app.AuditCountAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.FirstAsync(a => a.ClinicId == Guid.Parse(admin.ClinicId));
            entry.Outcome = "allowed-after-all";
            return await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync(a => a.ClinicId == Guid.Parse(admin.ClinicId)));
            return await db.SaveChangesAsync();
        }));

        Assert.Equal(count, await app.AuditCountAsync());
        Assert.Equal("allowed", await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ClinicId == Guid.Parse(admin.ClinicId)).Select(a => a.Outcome).SingleAsync()));
    }
}
