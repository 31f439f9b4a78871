using System.Net.Http.Headers;

namespace HipRehab.Web.Tests;

/// <summary>A clinic and one of its staff, signed in with a second factor unless said otherwise.</summary>
public sealed record Staff(Person Person, string ClinicId, string SharedKey)
{
    public HttpClient Client => Person.Client;

    public string Url(string rest = "") => $"/api/v1/clinics/{ClinicId}{rest}";
}

public static class Clinics
{
    /// <summary>
    /// The moment Identity's authenticator codes are checked against. Identity's TOTP check reads
    /// the system clock, not the app's TimeProvider, so codes are computed from real time.
    /// </summary>
    public static DateTimeOffset TotpNow() => DateTimeOffset.UtcNow;

    /// <summary>Turns on two-factor sign-in for the person; returns the shared key.</summary>
    public static async Task<string> EnrolTwoFactorAsync(this Person person)
    {
        var setup = await (await person.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa", new { })).ExpectAsync(HttpStatusCode.OK);
        var key = setup.GetProperty("sharedKey").GetString()!;
        var enabled = await (await person.Client.PostAsJsonAsync("/api/v1/auth/manage/2fa",
            new { enable = true, twoFactorCode = Totp.Code(key, TotpNow()) })).ExpectAsync(HttpStatusCode.OK);
        Assert.True(enabled.GetProperty("isTwoFactorEnabled").GetBoolean());
        return key;
    }

    /// <summary>Signs in again with password and authenticator code; the client then carries the second factor.</summary>
    public static async Task<Person> SignInWithSecondFactorAsync(this TestApp app, Person person, string sharedKey)
    {
        var tokens = await (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login",
            new { email = person.Email, password = person.Password, twoFactorCode = Totp.Code(sharedKey, TotpNow()) })).ExpectAsync(HttpStatusCode.OK);
        var access = tokens.GetProperty("accessToken").GetString()!;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return person with { Client = client, AccessToken = access, RefreshToken = tokens.GetProperty("refreshToken").GetString()! };
    }

    /// <summary>A new person who creates a clinic (and so is its admin), enrols two-factor and signs in with it.</summary>
    public static async Task<Staff> NewClinicAsync(this TestApp app, string name = "Riverside Physio", bool secondFactor = true)
    {
        var person = await app.SignUpAsync("admin");
        var clinic = await (await person.Client.PostAsJsonAsync("/api/v1/clinics", new { name })).ExpectAsync(HttpStatusCode.Created);
        var clinicId = clinic.GetProperty("id").GetString()!;
        if (!secondFactor)
        {
            return new Staff(person, clinicId, "");
        }

        var key = await person.EnrolTwoFactorAsync();
        return new Staff(await app.SignInWithSecondFactorAsync(person, key), clinicId, key);
    }

    /// <summary>Invites a new person to the clinic's staff with the role; they accept, enrol two-factor (if asked) and sign in with it.</summary>
    public static async Task<Staff> AddStaffAsync(this TestApp app, Staff admin, string role, bool secondFactor = true)
    {
        var person = await app.SignUpAsync(role);
        var invitation = await (await admin.Client.PostAsJsonAsync(admin.Url("/staff-invitations"), new { email = person.Email, role }))
            .ExpectAsync(HttpStatusCode.Created);
        await (await person.Client.PostAsync($"/api/v1/staff-invitations/{invitation.GetProperty("code").GetString()}/accept", null))
            .ExpectAsync(HttpStatusCode.OK);
        if (!secondFactor)
        {
            return new Staff(person, admin.ClinicId, "");
        }

        var key = await person.EnrolTwoFactorAsync();
        return new Staff(await app.SignInWithSecondFactorAsync(person, key), admin.ClinicId, key);
    }

    /// <summary>The clinic issues a patient code and the person links with it.</summary>
    public static async Task LinkAsync(this Person person, Staff staff)
    {
        var code = await staff.NewPatientCodeAsync();
        await (await person.Client.PostAsJsonAsync("/api/v1/me/clinic-links", new { code })).ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<string> NewPatientCodeAsync(this Staff staff) =>
        (await (await staff.Client.PostAsync(staff.Url("/patient-invitations"), null)).ExpectAsync(HttpStatusCode.Created)).GetProperty("code").GetString()!;

    /// <summary>The person's user id, as the clinic's patient list shows it.</summary>
    public static async Task<string> UserIdAsync(this TestApp app, Person person) =>
        await app.WithDbAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == person.Email).Select(u => u.Id)));

    public static async Task<int> AuditCountAsync(this TestApp app) =>
        await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries));
}
