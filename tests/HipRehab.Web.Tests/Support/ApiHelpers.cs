using System.Net.Http.Headers;
using System.Text;

namespace HipRehab.Web.Tests;

public static class ApiHelpers
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PreviewAsync(this HttpClient client, object intake)
    {
        var response = await client.PostAsJsonAsync("/api/v1/plan-preview", intake);
        return (response.StatusCode, await response.JsonAsync());
    }

    public static IEnumerable<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    /// <summary>Asserts an RFC 9457 answer with this status and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {Short(text)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _), text);
        Assert.True(body.TryGetProperty("type", out _), text);
        return body;
    }

    /// <summary>Asserts a 400 validation problem whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task<JsonElement> ValidationProblemAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var named = body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
        Assert.True(named, $"errors should name '{field}': {body}");
        Assert.NotEmpty(errors.GetProperty(field).EnumerateArray());
        return body;
    }

    /// <summary>Asserts the status, with the body in the message when it differs.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {Short(text)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Short(string text) => text.Length <= 600 ? text : text[..600] + "…";

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
}

/// <summary>A signed-up, signed-in person and their API client (bearer token set).</summary>
public sealed record Person(HttpClient Client, string Email, string Password, string AccessToken, string RefreshToken);

/// <summary>Accounts for tests: every call makes a new person with a unique e-mail.</summary>
public static class People
{
    /// <summary>Long, not on the common list, no digits or symbols (no composition rules).</summary>
    public const string Password = "mauve otters juggle quietly";

    public static string NewEmail(string prefix = "person") => $"{prefix}-{Guid.NewGuid():N}@example.org";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/register", new { email, password });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Registers and logs in a new person; returns a client that sends their bearer token.</summary>
    public static async Task<Person> SignUpAsync(this TestApp app, string prefix = "person")
    {
        var anonymous = app.CreateClient();
        var email = NewEmail(prefix);
        await (await anonymous.RegisterAsync(email, Password)).ExpectAsync(HttpStatusCode.OK);
        var tokens = await (await anonymous.LoginAsync(email, Password)).ExpectAsync(HttpStatusCode.OK);
        var access = tokens.GetProperty("accessToken").GetString()!;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return new Person(client, email, Password, access, tokens.GetProperty("refreshToken").GetString()!);
    }

    /// <summary>Signs the person in afresh after the clock moved past their token's life; their client sends the new token.</summary>
    public static async Task SignInAgainAsync(this TestApp app, Person person)
    {
        var tokens = await (await app.CreateClient().LoginAsync(person.Email, person.Password)).ExpectAsync(HttpStatusCode.OK);
        person.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
    }

    /// <summary>Signs up a person, answers the intake and makes their plan; returns the plan.</summary>
    public static async Task<(Person Person, JsonElement Plan)> SignUpWithPlanAsync(this TestApp app, string prefix = "person", object? intake = null)
    {
        var person = await app.SignUpAsync(prefix);
        var plan = await person.Client.CreatePlanAsync(intake ?? Intakes.Typical());
        return (person, plan);
    }

    public static Task<HttpResponseMessage> PutIntakeAsync(this HttpClient client, object intake) =>
        client.PutAsJsonAsync("/api/v1/me/intake", intake);

    /// <summary>Answers the intake and makes a plan; asserts 201 and returns the plan.</summary>
    public static async Task<JsonElement> CreatePlanAsync(this HttpClient client, object intake)
    {
        await (await client.PutIntakeAsync(intake)).ExpectAsync(HttpStatusCode.OK);
        return await (await client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> GetPlanAsync(this HttpClient client) =>
        await (await client.GetAsync("/api/v1/me/plan")).ExpectAsync(HttpStatusCode.OK);

    public static async Task<List<JsonElement>> GetSessionsAsync(this HttpClient client) =>
        [.. (await (await client.GetAsync("/api/v1/me/sessions")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    public static async Task<List<JsonElement>> GetAlertsAsync(this HttpClient client) =>
        [.. (await (await client.GetAsync("/api/v1/me/alerts")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray()];

    public static async Task<JsonElement> GetTodayAsync(this HttpClient client, string date) =>
        await (await client.GetAsync($"/api/v1/me/today?date={date}")).ExpectAsync(HttpStatusCode.OK);

    public static JsonElement Item(this JsonElement plan, string id) =>
        plan.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);

    public static IEnumerable<JsonElement> Items(this JsonElement plan) => plan.GetProperty("items").EnumerateArray();

    /// <summary>The first strengthening item whose dose counts reps.</summary>
    public static JsonElement FirstStrengthItem(this JsonElement plan) =>
        plan.Items().First(i => i.GetProperty("category").GetString() == "strengthening"
            && i.GetProperty("dose").GetProperty("reps").ValueKind == JsonValueKind.Number);
}

/// <summary>Session and check-in bodies for tests.</summary>
public static class Bodies
{
    /// <summary>One exercise entry that does the item's whole prescribed dose.</summary>
    public static Dictionary<string, object?> Done(JsonElement item, int painDuring, int effort)
    {
        var dose = item.GetProperty("dose");
        return new()
        {
            ["planItemId"] = item.GetProperty("id").GetString(),
            ["completedSets"] = dose.GetProperty("sets").GetInt32(),
            ["completedReps"] = NullableInt(dose.GetProperty("reps")),
            ["completedHoldSeconds"] = NullableInt(dose.GetProperty("holdSeconds")),
            ["painDuring"] = painDuring,
            ["effort"] = effort,
            ["note"] = null,
        };
    }

    public static Dictionary<string, object?> Session(string performedAt, params object[] exercises) => new()
    {
        ["performedAt"] = performedAt,
        ["painBefore"] = 2,
        ["painAfter"] = 2,
        ["exercises"] = exercises,
    };

    public static Dictionary<string, object?> CheckIn(string date, int usualPain = 3, bool settled = true, params string[] redFlags) => new()
    {
        ["date"] = date,
        ["usualPain"] = usualPain,
        ["settledSinceLastSession"] = settled,
        ["redFlags"] = redFlags,
    };

    public static Task<HttpResponseMessage> LogSessionAsync(this HttpClient client, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sessions") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> CheckInAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync("/api/v1/me/check-ins", body);

    private static int? NullableInt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt32();
}

/// <summary>Compares prescriptions ({ exerciseId, dose }) along the progression ladder (PM5).</summary>
public sealed class Ladder(IReadOnlyDictionary<string, (string Family, int Level)> variants)
{
    private static readonly string?[] s_bands = [null, "tan", "yellow", "red", "green", "blue", "black"];

    public static async Task<Ladder> LoadAsync(HttpClient client)
    {
        var all = await (await client.GetAsync("/api/v1/exercises")).ExpectAsync(HttpStatusCode.OK);
        return new Ladder(all.EnumerateArray().ToDictionary(
            e => e.GetProperty("id").GetString()!,
            e => (e.GetProperty("family").GetString()!, e.GetProperty("level").GetInt32())));
    }

    public int LevelOf(string exerciseId) => variants[exerciseId].Level;

    /// <summary>
    /// +1 when <paramref name="next"/> is strictly harder than <paramref name="previous"/> (a higher
    /// variant, or the same variant with no part of the dose lower and one part higher), −1 when
    /// strictly easier, 0 when the same. A mixed change fails the test: the ladder moves one way at a time.
    /// </summary>
    public int Compare(JsonElement previous, JsonElement next)
    {
        var a = previous.GetProperty("exerciseId").GetString()!;
        var b = next.GetProperty("exerciseId").GetString()!;
        if (a != b)
        {
            Assert.Equal(variants[a].Family, variants[b].Family);
            return Math.Sign(variants[b].Level - variants[a].Level);
        }

        var before = Parts(previous.GetProperty("dose"));
        var after = Parts(next.GetProperty("dose"));
        var up = before.Zip(after).Any(p => p.Second > p.First);
        var down = before.Zip(after).Any(p => p.Second < p.First);
        Assert.False(up && down, $"A mixed change: {previous} → {next}");
        return up ? 1 : down ? -1 : 0;
    }

    private static int[] Parts(JsonElement dose) =>
    [
        dose.GetProperty("sets").GetInt32(),
        dose.GetProperty("reps").ValueKind == JsonValueKind.Null ? 0 : dose.GetProperty("reps").GetInt32(),
        dose.GetProperty("holdSeconds").ValueKind == JsonValueKind.Null ? 0 : dose.GetProperty("holdSeconds").GetInt32(),
        Array.IndexOf(s_bands, dose.GetProperty("band").ValueKind == JsonValueKind.Null ? null : dose.GetProperty("band").GetString()),
    ];
}
