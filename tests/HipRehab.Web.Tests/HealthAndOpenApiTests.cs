namespace HipRehab.Web.Tests;

public sealed class HealthAndOpenApiTests : IDisposable
{
    private readonly TestApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Health_WhenLibraryLoaded_Returns200()
    {
        var response = await _app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApi_DocumentIsVersion31_AndListsThePublicRoutes()
    {
        var doc = await (await _app.CreateClient().GetAsync("/openapi/v1.json")).JsonAsync();
        Assert.StartsWith("3.1", doc.GetProperty("openapi").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/exercises", paths);
        Assert.Contains("/api/v1/exercises/{id}", paths);
        Assert.Contains("/api/v1/rules", paths);
        Assert.Contains("/api/v1/plan-preview", paths);
    }
}
