namespace HipRehab.Web.Tests;

public sealed class HealthAndOpenApiTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Health_WhenLibraryLoadedAndDatabaseReachable_Returns200()
    {
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentIsVersion31_AndListsThePublicRoutes()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/exercises", paths);
        Assert.Contains("/api/v1/exercises/{id}", paths);
        Assert.Contains("/api/v1/rules", paths);
        Assert.Contains("/api/v1/plan-preview", paths);
    }

    [Theory]
    [InlineData("/api/v1/auth/register", "post")]
    [InlineData("/api/v1/auth/login", "post")]
    [InlineData("/api/v1/auth/refresh", "post")]
    [InlineData("/api/v1/me/intake", "put")]
    [InlineData("/api/v1/me/intake", "get")]
    [InlineData("/api/v1/me/plan", "post")]
    [InlineData("/api/v1/me/plan", "get")]
    [InlineData("/api/v1/me/today", "get")]
    [InlineData("/api/v1/me/sessions", "post")]
    [InlineData("/api/v1/me/sessions", "get")]
    [InlineData("/api/v1/me/check-ins", "post")]
    [InlineData("/api/v1/me/alerts", "get")]
    [InlineData("/api/v1/me/alerts/{id}/acknowledge", "post")]
    public async Task OpenApi_ListsThePersonsRoutes(string path, string method)
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        Assert.True(doc.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
    }

    [Fact]
    public async Task OpenApi_DescribesTheIdempotencyKey_OnSessionLogging()
    {
        var doc = await (await app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        var post = doc.GetProperty("paths").GetProperty("/api/v1/me/sessions").GetProperty("post");
        Assert.Contains("Idempotency-Key", post.ToString(), StringComparison.Ordinal);
        var responses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("201", responses);
        Assert.Contains("422", responses);
    }
}
