using System.Net.Http.Headers;
using HipRehab.Client;

namespace HipRehab.Web.Tests;

/// <summary>
/// The C# client that NSwag generates from docs/openapi.json at build time (clients/HipRehab.Client)
/// drives the whole loop against the real app, every answer also passing the document's schema
/// check: a person signs up, answers the intake, gets a plan, opens Today, logs a session (twice
/// with one Idempotency-Key), checks in and reads their progress; a clinician with a second factor
/// invites them and sees them on the clinic's dashboard.
/// </summary>
public sealed class GeneratedClientTests(TestApp app) : IClassFixture<TestApp>
{
    private static HipRehabClient Signed(HttpClient http, string accessToken)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return new HipRehabClient(http);
    }

    private async Task<(HipRehabClient Client, string Email)> SignUpAsync(string prefix)
    {
        var email = People.NewEmail(prefix);
        var anonymous = new HipRehabClient(app.CreateClient());
        await anonymous.PostAuthRegisterAsync(new RegisterRequest { Email = email, Password = People.Password });
        var tokens = await anonymous.PostAuthLoginAsync(null, null, new LoginRequest { Email = email, Password = People.Password });
        return (Signed(app.CreateClient(), tokens.AccessToken), email);
    }

    [Fact]
    public async Task GeneratedClient_DrivesTheLoop_FromSignUpToTheClinicsDashboard()
    {
        // The person.
        var (person, email) = await SignUpAsync("client-loop");
        var intake = await person.PutMeIntakeAsync(new IntakeForm
        {
            BirthYear = 1958,
            Sex = "female",
            HeightCm = 165,
            WeightKg = 80,
            PainSide = "left",
            PainLocation = "groin",
            Cause = "osteoarthritis",
            PainNow = 4,
            PainWorstLastWeek = 6,
            SymptomWeeks = 26,
            RedFlags = [],
            Pregnant = false,
            Osteoporosis = false,
            Abilities = new AbilitiesForm { GetDownToFloor = true, Kneel = true, StandWithoutSupport = true },
            Equipment = ["chair", "wall", "resistance-band", "anchor-point", "strap", "step", "ankle-weight", "bed"],
            Goals = ["walking", "stairs"],
        });
        Assert.Contains(intake.Screening.Outcome, new[] { ScreeningOutcome.Clear, ScreeningOutcome.Advice });

        var plan = await person.PostMePlanAsync();
        Assert.Equal("active", plan.Status);
        Assert.NotEmpty(plan.Items);
        Assert.All(plan.Items, item => Assert.NotEmpty(item.Why));

        var today = await person.GetMeTodayAsync("2026-11-26");
        Assert.Equal(new DateOnly(2026, 11, 26), today.Date);
        Assert.NotEmpty(today.Due);
        var item = today.Due.First();

        var session = new SessionRequest
        {
            PerformedAt = TestApp.Now,
            PainBefore = 2,
            PainAfter = 2,
            Exercises =
            [
                new SessionExerciseRequest
                {
                    PlanItemId = item.Id,
                    CompletedSets = item.Dose.Sets,
                    CompletedReps = item.Dose.Reps,
                    CompletedHoldSeconds = item.Dose.HoldSeconds,
                    PainDuring = 1,
                    Effort = 2,
                },
            ],
        };
        var key = Guid.NewGuid().ToString();
        var logged = await person.PostMeSessionsAsync(key, session);
        var replayed = await person.PostMeSessionsAsync(key, session);
        Assert.Equal(logged.Id, replayed.Id);
        Assert.Contains(logged.Decisions, d => d.PlanItemId == item.Id && d.RuleIds.Count > 0);
        Assert.Single(await person.GetMeSessionsAsync(null, null, null));

        var checkIn = await person.PostMeCheckInsAsync(new CheckInRequest
        {
            Date = new DateOnly(2026, 11, 26),
            UsualPain = 3,
            SettledSinceLastSession = true,
            RedFlags = [],
        });
        Assert.Empty(checkIn.Alerts);

        var progress = await person.GetMeProgressAsync();
        Assert.Equal(new DateOnly(2026, 11, 26), progress.AsOf);
        Assert.NotNull(progress.Adherence);
        Assert.True(progress.Adherence.Completed >= 1, $"adherence counted {progress.Adherence.Completed} sessions");

        // The clinician: a clinic of their own, then a second factor, without which the clinic is closed.
        var (admin, adminEmail) = await SignUpAsync("client-clinician");
        var clinic = await admin.PostClinicsAsync(new CreateClinicRequest { Name = "Generated Client Physio" });
        var withoutSecondFactor = await Assert.ThrowsAsync<HipRehabApiException<ProblemDetails>>(() => admin.GetClinicsByClinicIdPatientsAsync(clinic.Id));
        Assert.Equal(403, withoutSecondFactor.StatusCode);

        var setup = await admin.PostAuthManage2faAsync(new TwoFactorRequest());
        var enabled = await admin.PostAuthManage2faAsync(new TwoFactorRequest { Enable = true, TwoFactorCode = Totp.Code(setup.SharedKey, Clinics.TotpNow()) });
        Assert.True(enabled.IsTwoFactorEnabled);
        var staffTokens = await new HipRehabClient(app.CreateClient()).PostAuthLoginAsync(null, null,
            new LoginRequest { Email = adminEmail, Password = People.Password, TwoFactorCode = Totp.Code(setup.SharedKey, Clinics.TotpNow()) });
        var clinician = Signed(app.CreateClient(), staffTokens.AccessToken);

        var invitation = await clinician.PostClinicsByClinicIdPatientInvitationsAsync(clinic.Id);
        var link = await person.PostMeClinicLinksAsync(new LinkRequest { Code = invitation.Code });
        Assert.True(link.Active);

        var dashboard = await clinician.GetClinicsByClinicIdPatientsAsync(clinic.Id);
        var row = Assert.Single(dashboard);
        Assert.Equal(email, row.Email);
        Assert.Equal("active", row.PlanStatus);
        Assert.Equal(TestApp.Now, row.LastSessionAt);
        Assert.Equal(0, row.OpenAlerts);
    }

    [Fact]
    public async Task GeneratedClient_TurnsAProblemIntoItsException_WithTheStatus()
    {
        var (person, _) = await SignUpAsync("client-problem");
        var noPlan = await Assert.ThrowsAsync<HipRehabApiException<ProblemDetails>>(() => person.GetMePlanAsync());
        Assert.Equal(404, noPlan.StatusCode);
        Assert.Equal(404, noPlan.Result.Status);
        Assert.False(string.IsNullOrWhiteSpace(noPlan.Result.Title));

        var anonymous = new HipRehabClient(app.CreateClient());
        var signedOut = await Assert.ThrowsAnyAsync<HipRehabApiException>(() => anonymous.GetMeTodayAsync(null));
        Assert.Equal(401, signedOut.StatusCode);
    }
}
