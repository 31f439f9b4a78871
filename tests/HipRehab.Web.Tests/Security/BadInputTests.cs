using System.Text;

namespace HipRehab.Web.Tests;

public sealed class BadInputTests(TestApp app) : IClassFixture<TestApp>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.True(body.TryGetProperty("title", out _));
        Assert.True(body.TryGetProperty("type", out _));
        return body;
    }

    private Task<HttpResponseMessage> PostRawAsync(string json, string contentType = "application/json") =>
        _client.PostAsync("/api/v1/plan-preview", new StringContent(json, Encoding.UTF8, contentType));

    [Theory]
    [InlineData("painNow", -1)]
    [InlineData("painNow", 11)]
    [InlineData("painWorstLastWeek", 12)]
    [InlineData("birthYear", 1800)]
    [InlineData("birthYear", 2027)]
    [InlineData("heightCm", 5000)]
    [InlineData("symptomWeeks", -3)]
    public async Task OutOfRangeNumber_Is400_NamingTheField(string field, int value)
    {
        var body = await ExpectProblemAsync(await _client.PostAsJsonAsync("/api/v1/plan-preview", Intakes.With(field, value)), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Theory]
    [InlineData("sex", "robot", "sex")]
    [InlineData("painSide", "middle", "painSide")]
    [InlineData("painLocation", "knee", "painLocation")]
    [InlineData("cause", "magic", "cause")]
    public async Task UnknownEnumValue_Is400_NamingTheField(string field, string value, string expected)
    {
        var body = await ExpectProblemAsync(await _client.PostAsJsonAsync("/api/v1/plan-preview", Intakes.With(field, value)), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty(expected, out _), body.ToString());
    }

    [Fact]
    public async Task UnknownValueInAList_NamesTheListIndex()
    {
        var body = await ExpectProblemAsync(await _client.PostAsJsonAsync("/api/v1/plan-preview", Intakes.With("redFlags", new[] { "sudden-severe-pain", "itchy" })), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("redFlags[1]", out _), body.ToString());
    }

    [Fact]
    public async Task UnknownSurgeryApproach_And_FutureSurgeryDate_AreNamed()
    {
        var body = await ExpectProblemAsync(await _client.PostAsJsonAsync("/api/v1/plan-preview",
            Intakes.With("surgery", new { kind = "total-hip-replacement", approach = "sideways", date = "2027-01-01" })), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("surgery.approach", out _), body.ToString());
        Assert.True(body.GetProperty("errors").TryGetProperty("surgery.date", out _), body.ToString());
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var body = await ExpectProblemAsync(await PostRawAsync("{\"birthYear\": 1958, "), HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task WrongType_Is400_NamingTheField()
    {
        var body = await ExpectProblemAsync(await PostRawAsync("{\"birthYear\": 1958, \"painNow\": \"four\"}"), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("painNow", out _), body.ToString());
    }

    [Fact]
    public async Task FractionalPain_Is400_NamingTheField()
    {
        var body = await ExpectProblemAsync(await PostRawAsync("{\"painNow\": 4.5}"), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("painNow", out _), body.ToString());
    }

    [Fact]
    public async Task NestedWrongType_NamesTheNestedField()
    {
        var body = await ExpectProblemAsync(await PostRawAsync("{\"abilities\": {\"kneel\": \"maybe\"}}"), HttpStatusCode.BadRequest);
        Assert.True(body.GetProperty("errors").TryGetProperty("abilities.kneel", out _), body.ToString());
    }

    [Fact]
    public async Task EmptyObject_Is400_ListingRequiredFields()
    {
        var body = await ExpectProblemAsync(await PostRawAsync("{}"), HttpStatusCode.BadRequest);
        var errors = body.GetProperty("errors");
        foreach (var field in new[] { "birthYear", "sex", "painSide", "painLocation", "cause", "painNow", "abilities.kneel" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }
    }

    [Fact]
    public async Task JsonNull_Is400()
    {
        await ExpectProblemAsync(await PostRawAsync("null"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task MultiMegabyteBody_Is413()
    {
        var huge = "{\"note\": \"" + new string('a', 3 * 1024 * 1024) + "\"}";
        await ExpectProblemAsync(await PostRawAsync(huge), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task NotJson_Is415()
    {
        await ExpectProblemAsync(await PostRawAsync("birthYear=1958", "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemDetails()
    {
        await ExpectProblemAsync(await _client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
    }
}
