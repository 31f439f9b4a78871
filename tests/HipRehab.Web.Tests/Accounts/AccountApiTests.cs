using System.Net.Http.Headers;

namespace HipRehab.Web.Tests;

/// <summary>Sign-up, sign-in, tokens, lockout and the sign-in rate limit (docs/api.md, Accounts).</summary>
public sealed class AccountApiTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly HttpClient _anonymous = app.CreateClient();

    [Fact]
    public async Task Register_WithALongPassword_Is200()
    {
        var response = await _anonymous.RegisterAsync(People.NewEmail(), People.Password);
        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Register_PasswordShorterThan12_Is400NamingPassword()
    {
        var body = await (await _anonymous.RegisterAsync(People.NewEmail(), "tiny otters")).ValidationProblemAsync("password");
        Assert.Single(body.GetProperty("errors").EnumerateObject());
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("PASSWORD1234")]
    [InlineData("qwertyuiop12")]
    public async Task Register_CommonPassword_Is400NamingPassword(string password)
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, password)).ValidationProblemAsync("password");
        // Refused means no account: signing in with it fails.
        await (await _anonymous.LoginAsync(email, password)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Register_NoCompositionRules_LettersAndSpacesOnlyAreAccepted_AndCanSignIn()
    {
        var email = People.NewEmail();
        const string password = "lantern meadow pickle orbit";
        Assert.DoesNotContain(password, char.IsDigit);
        await (await _anonymous.RegisterAsync(email, password)).ExpectAsync(HttpStatusCode.OK);
        await (await _anonymous.LoginAsync(email, password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Register_SameEmailTwice_Is400NamingEmail()
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        await (await _anonymous.RegisterAsync(email, People.Password)).ValidationProblemAsync("email");
    }

    [Fact]
    public async Task Login_Returns_BearerTokenPair()
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        var tokens = await (await _anonymous.LoginAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrWhiteSpace(tokens.GetProperty("accessToken").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(tokens.GetProperty("refreshToken").GetString()));
        Assert.True(tokens.GetProperty("expiresIn").GetInt64() > 0);

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        Assert.Empty(await client.GetAlertsAsync());
    }

    [Fact]
    public async Task Login_WrongPassword_Is401()
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        var body = await (await _anonymous.LoginAsync(email, "not the right password at all")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("accessToken", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_UnknownEmail_Is401()
    {
        await (await _anonymous.LoginAsync(People.NewEmail("nobody"), People.Password)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_GivesANewWorkingPair()
    {
        var person = await app.SignUpAsync();
        var fresh = await (await _anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = person.RefreshToken })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Bearer", fresh.GetProperty("tokenType").GetString());
        var access = fresh.GetProperty("accessToken").GetString();
        Assert.False(string.IsNullOrWhiteSpace(access));
        Assert.NotEqual(person.RefreshToken, fresh.GetProperty("refreshToken").GetString());

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Empty(await client.GetSessionsAsync());
    }

    [Fact]
    public async Task Refresh_WithAGarbageToken_Is401()
    {
        var response = await _anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AccessToken_ExpiresWithTheClock_AndRefreshGivesAWorkingOne()
    {
        // Identity's bearer tokens read the app's TimeProvider: this test moves its own app's clock.
        await using var own = new TestApp();
        var person = await own.SignUpAsync();
        var lifetime = TimeSpan.FromSeconds((await (await own.CreateClient().LoginAsync(person.Email, person.Password)).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("expiresIn").GetInt64());
        Assert.Empty(await person.Client.GetAlertsAsync());

        own.Clock.Advance(lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.Client.GetAsync("/api/v1/me/alerts")).StatusCode);

        var fresh = await (await own.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = person.RefreshToken })).ExpectAsync(HttpStatusCode.OK);
        var client = own.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fresh.GetProperty("accessToken").GetString());
        Assert.Empty(await client.GetAlertsAsync());
    }

    [Fact]
    public async Task Lockout_AfterFiveWrongPasswords_TheRightOneStillFails()
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 5; i++)
        {
            await (await _anonymous.LoginAsync(email, $"wrong password number {i}")).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        // Identity's login answers 401 with the sign-in result as the detail.
        var body = await (await _anonymous.LoginAsync(email, People.Password)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("LockedOut", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Lockout_FourWrongPasswords_DoNotLock()
    {
        var email = People.NewEmail();
        await (await _anonymous.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < 4; i++)
        {
            await (await _anonymous.LoginAsync(email, $"wrong password number {i}")).ProblemAsync(HttpStatusCode.Unauthorized);
        }

        await (await _anonymous.LoginAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_IsRateLimited_With429RetryAfterAndProblemDetails()
    {
        await using var limited = new TestApp();
        limited.Settings["RateLimiting:SignInPermitsPerMinute"] = "3";
        var client = limited.CreateClient();
        var email = People.NewEmail();
        // The limit counts every sign-in call (registration included) from one address.
        await (await client.RegisterAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);
        await (await client.LoginAsync(email, "wrong password number one")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.LoginAsync(email, People.Password)).ExpectAsync(HttpStatusCode.OK);

        var refused = await client.LoginAsync(email, People.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.TryGetValues("Retry-After", out var values), "Retry-After is missing");
        var seconds = int.Parse(Assert.Single(values), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        // Every error is problem details with type, title, status and detail (docs/api.md, Conventions).
        var body = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));

        // Registration shares the limit, so a flood of sign-ups is refused too.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.RegisterAsync(People.NewEmail(), People.Password)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/me/intake")]
    [InlineData("PUT", "/api/v1/me/intake")]
    [InlineData("GET", "/api/v1/me/plan")]
    [InlineData("POST", "/api/v1/me/plan")]
    [InlineData("GET", "/api/v1/me/today")]
    [InlineData("GET", "/api/v1/me/sessions")]
    [InlineData("POST", "/api/v1/me/sessions")]
    [InlineData("GET", "/api/v1/me/check-ins")]
    [InlineData("POST", "/api/v1/me/check-ins")]
    [InlineData("GET", "/api/v1/me/alerts")]
    [InlineData("POST", "/api/v1/me/alerts/01a217a9-1014-714a-b69a-c21a50f1cb73/acknowledge")]
    public async Task PersonApi_WithoutAToken_Is401_NeverA5xx(string method, string url)
    {
        var noAuth = await _anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });
        Assert.Equal(HttpStatusCode.Unauthorized, noAuth.StatusCode);

        var garbage = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) };
        garbage.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.SendAsync(garbage)).StatusCode);

        var cookie = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) };
        cookie.Headers.Add("Cookie", "hiprehab=forged-cookie-value");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.SendAsync(cookie)).StatusCode);
    }
}
