namespace HipRehab.Web.Tests;

public sealed class ExerciseApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] Families =
    [
        "glute-bridge", "clamshell", "squat", "side-lying-leg-lift", "banded-hip-abduction",
        "hip-flexor-stretch", "piriformis-stretch", "hamstring-stretch", "it-band-stretch", "calf-stretch",
    ];

    private async Task<List<JsonElement>> AllAsync() =>
        [.. (await (await app.CreateClient().GetAsync("/api/v1/exercises")).JsonAsync()).EnumerateArray()];

    private static JsonElement Article(List<JsonElement> all, string family) =>
        all.Single(e => e.GetProperty("family").GetString() == family && e.GetProperty("fromArticle").GetBoolean());

    [Fact]
    public async Task List_HasTheTenFamilies_EachWithAtLeastThreeLevelsAndOneArticleVersion()
    {
        var all = await AllAsync();
        Assert.Equal(Families.Order(), all.Select(e => e.GetProperty("family").GetString()!).Distinct().Order());
        foreach (var family in Families)
        {
            var variants = all.Where(e => e.GetProperty("family").GetString() == family).ToList();
            var levels = variants.Select(v => v.GetProperty("level").GetInt32()).Order().ToList();
            Assert.True(levels.Count >= 3, $"{family} has {levels.Count} levels");
            Assert.Equal(Enumerable.Range(1, levels.Count), levels);
            Assert.Single(variants, v => v.GetProperty("fromArticle").GetBoolean());
        }
    }

    [Fact]
    public async Task List_EveryVariantHasTheContractFields()
    {
        foreach (var e in await AllAsync())
        {
            foreach (var field in new[] { "id", "family", "familyName", "name", "level", "category", "position", "laterality", "equipment", "demands", "goals", "defaultDose", "steps", "cues", "cautions", "ruleIds" })
            {
                Assert.True(e.TryGetProperty(field, out _), $"{e.GetProperty("id")} lacks {field}");
            }

            Assert.NotEmpty(e.GetProperty("steps").EnumerateArray());
            var dose = e.GetProperty("defaultDose");
            foreach (var field in new[] { "sets", "reps", "holdSeconds", "restSeconds", "perSide", "band", "daysPerWeek" })
            {
                Assert.True(dose.TryGetProperty(field, out _), $"{e.GetProperty("id")} dose lacks {field}");
            }
        }
    }

    [Theory]
    [InlineData("piriformis-stretch", "adduction-past-midline")]
    [InlineData("piriformis-stretch", "external-rotation")]
    [InlineData("piriformis-stretch", "hip-flexion-over-90")]
    [InlineData("piriformis-stretch", "forward-lean-seated")]
    [InlineData("it-band-stretch", "adduction-past-midline")]
    [InlineData("hip-flexor-stretch", "kneeling")]
    [InlineData("clamshell", "side-lying")]
    [InlineData("side-lying-leg-lift", "side-lying")]
    public async Task ArticleVersion_CarriesItsMovementDemand(string family, string demand)
    {
        var article = Article(await AllAsync(), family);
        Assert.Contains(demand, article.GetProperty("demands").Strings());
    }

    [Theory]
    [InlineData("clamshell")]
    [InlineData("side-lying-leg-lift")]
    [InlineData("banded-hip-abduction")]
    [InlineData("hip-flexor-stretch")]
    [InlineData("piriformis-stretch")]
    [InlineData("hamstring-stretch")]
    [InlineData("it-band-stretch")]
    [InlineData("calf-stretch")]
    public async Task ArticleVersion_RepeatedOnBothSides_IsEachSide(string family)
    {
        var article = Article(await AllAsync(), family);
        Assert.Equal("each-side", article.GetProperty("laterality").GetString());
        Assert.True(article.GetProperty("defaultDose").GetProperty("perSide").GetBoolean());
    }

    [Fact]
    public async Task ArticleStretches_HoldAbout30Seconds()
    {
        var all = await AllAsync();
        foreach (var family in Families.Where(f => f.EndsWith("-stretch", StringComparison.Ordinal)))
        {
            var article = Article(all, family);
            Assert.Equal("stretching", article.GetProperty("category").GetString());
            Assert.Equal(30, article.GetProperty("defaultDose").GetProperty("holdSeconds").GetInt32());
        }
    }

    [Fact]
    public async Task Get_KnownId_ReturnsItWithLadderNeighbours()
    {
        var client = app.CreateClient();
        var all = await AllAsync();
        var article = Article(all, "squat");
        var one = await (await client.GetAsync($"/api/v1/exercises/{article.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal(article.GetProperty("id").GetString(), one.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, one.GetProperty("easierId").ValueKind);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404ProblemDetails()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/exercises/no-such-exercise");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal(404, body.GetProperty("status").GetInt32());
        Assert.Contains("no-such-exercise", body.GetProperty("detail").GetString());
    }
}
