using System.IO.Compression;
using System.Xml.Linq;

namespace HipRehab.Web.Tests;

/// <summary>The drawings: GET /api/v1/exercises/{id}/demonstration.svg and the exercise JSON's demonstration and movement (docs/api.md, "Demonstrations").</summary>
public sealed class DemonstrationApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private async Task<List<JsonElement>> AllAsync() =>
        [.. (await (await app.CreateClient().GetAsync("/api/v1/exercises")).JsonAsync()).EnumerateArray()];

    [Fact]
    public async Task EveryExercise_HasADrawing_ThatMovesThroughOneRepetition_WithItsStepsAsTheTextAlternative()
    {
        var client = app.CreateClient();
        var all = await AllAsync();
        Assert.Equal(42, all.Count);
        var largest = 0;
        foreach (var e in all)
        {
            var id = e.GetProperty("id").GetString()!;
            var url = e.GetProperty("demonstration").GetString()!;
            Assert.StartsWith($"/api/v1/exercises/{id}/demonstration.svg?side=right&v=", url, StringComparison.Ordinal);

            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
            Assert.Equal(Svg + "svg", svg.Name);
            Assert.Equal("img", (string?)svg.Attribute("role"));
            var desc = svg.Element(Svg + "desc")!.Value;
            foreach (var step in e.GetProperty("steps").EnumerateArray())
            {
                Assert.Contains(step.GetString()!, desc, StringComparison.Ordinal);
            }

            // One repetition in real time: the animation lasts as long as its phases, hold included.
            var phases = e.GetProperty("movement").GetProperty("phases").EnumerateArray().ToList();
            var hold = e.GetProperty("defaultDose").GetProperty("holdSeconds");
            var expected = phases.Sum(p => p.GetProperty("phase").GetString() == "hold" && p.GetProperty("holdFromDose").GetBoolean() ? hold.GetInt32() : p.GetProperty("seconds").GetDouble());
            Assert.Equal(expected, double.Parse((string)svg.Attribute("data-duration")!, System.Globalization.CultureInfo.InvariantCulture), 1);
            var animations = svg.Descendants(Svg + "animate").ToList();
            Assert.NotEmpty(animations);
            Assert.All(animations, a => Assert.Equal(expected.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "s", (string?)a.Attribute("dur")));
            if (hold.ValueKind == JsonValueKind.Number)
            {
                var start = double.Parse((string)svg.Attribute("data-hold-start")!, System.Globalization.CultureInfo.InvariantCulture);
                var end = double.Parse((string)svg.Attribute("data-hold-end")!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(hold.GetInt32(), end - start, 1);
            }

            // The working leg is drawn apart from the other, and in its own colour.
            var moving = svg.Elements(Svg + "svg").Single(x => (string?)x.Attribute("class") == "dm-m");
            var working = Assert.Single(moving.Descendants(), x => (string?)x.Attribute("data-part") == "working-leg");
            var other = Assert.Single(moving.Descendants(), x => (string?)x.Attribute("data-part") == "other-leg");
            Assert.NotEqual((string?)working.Attribute("stroke"), (string?)other.Attribute("stroke"));
            Assert.NotNull(working.Element(Svg + "animate"));
            // Under reduced motion the same drawing holds the still strip instead.
            var strip = svg.Elements(Svg + "svg").Single(x => (string?)x.Attribute("class") == "dm-s");
            Assert.Empty(strip.Descendants(Svg + "animate"));
            Assert.Contains(strip.Descendants(), x => (string?)x.Attribute("data-part") == "working-leg");

            largest = Math.Max(largest, Gzipped(bytes));
        }

        Assert.InRange(largest, 1, 15 * 1024);
    }

    [Fact]
    public async Task TheStillStrip_ShowsEachKeyPoseOnce_AndNothingMoves()
    {
        var client = app.CreateClient();
        var svg = XDocument.Parse(await client.GetStringAsync("/api/v1/exercises/squat-sit-to-stand-arm-push/demonstration.svg?still=true")).Root!;
        Assert.Empty(svg.Descendants(Svg + "animate"));
        // Seated, lifting off, standing: the way back down passes the lift-off pose again and is not repeated.
        Assert.Equal(3, svg.Descendants().Count(x => (string?)x.Attribute("data-part") == "working-leg"));

        var thumb = XDocument.Parse(await client.GetStringAsync("/api/v1/exercises/squat-sit-to-stand-arm-push/demonstration.svg?thumbnail=true")).Root!;
        Assert.Empty(thumb.Descendants(Svg + "animate"));
        Assert.Single(thumb.Descendants(), x => (string?)x.Attribute("data-part") == "working-leg");
    }

    [Fact]
    public async Task TheLeftSide_IsTheRightSidesMirrorImage()
    {
        var client = app.CreateClient();
        var right = await client.GetStringAsync("/api/v1/exercises/clamshell-classic/demonstration.svg?side=right");
        var left = await client.GetStringAsync("/api/v1/exercises/clamshell-classic/demonstration.svg?side=left");
        Assert.Contains("data-side=\"left\"", left, StringComparison.Ordinal);
        Assert.Contains("<g transform=\"matrix(-1 0 0 1 ", left, StringComparison.Ordinal);
        Assert.DoesNotContain("matrix(-1", right, StringComparison.Ordinal);
        // The same figure inside the mirror: every point list of the right side is there on the left.
        static IEnumerable<string> Points(string svg) => XDocument.Parse(svg).Descendants().Select(x => (string?)x.Attribute("points")).OfType<string>();
        Assert.Equal(Points(right), Points(left));
    }

    [Fact]
    public async Task Drawings_AreCachedByTheirHash_AndAnswer304ToTheirETag()
    {
        var client = app.CreateClient();
        var url = (await (await client.GetAsync("/api/v1/exercises/glute-bridge-hold-at-top")).JsonAsync()).GetProperty("demonstration").GetString()!;
        using var hashed = await client.GetAsync(url);
        Assert.Equal("public, max-age=31536000, immutable", hashed.Headers.CacheControl!.ToString());
        var etag = hashed.Headers.ETag!;
        Assert.EndsWith($"v={etag.Tag.Trim('"')}", url, StringComparison.Ordinal);

        using var plain = await client.GetAsync("/api/v1/exercises/glute-bridge-hold-at-top/demonstration.svg");
        Assert.Equal("public, max-age=3600", plain.Headers.CacheControl!.ToString());
        Assert.Equal(etag, plain.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exercises/glute-bridge-hold-at-top/demonstration.svg");
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("gzip", true)]
    [InlineData("br, gzip;q=0.8", true)]
    [InlineData("gzip;q=0", false)]
    [InlineData("br", false)]
    public async Task Drawings_AreSentGzipped_ToClientsThatAcceptIt_AsTheSameBytes(string acceptEncoding, bool gzipped)
    {
        var client = app.CreateClient();
        const string url = "/api/v1/exercises/clamshell-classic/demonstration.svg?still=true";
        var identity = await client.GetByteArrayAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!gzipped)
        {
            Assert.Empty(response.Content.Headers.ContentEncoding);
            Assert.Equal(identity, body);
            return;
        }

        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(body.Length * 2 < identity.Length, $"gzip saved little: {body.Length} of {identity.Length} bytes");
        using var unzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        await unzip.CopyToAsync(unzipped);
        Assert.Equal(identity, unzipped.ToArray());

        // Another representation, another ETag; each answers 304 only to its own.
        var etag = response.Headers.ETag!;
        Assert.EndsWith("-gzip\"", etag.Tag, StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        using var plain = new HttpRequestMessage(HttpMethod.Get, url);
        plain.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(plain)).StatusCode);
    }

    [Theory]
    [InlineData("?side=middle", "side")]
    [InlineData("?still=yes", "still")]
    [InlineData("?thumbnail=1", "thumbnail")]
    public async Task BadQuery_IsAProblemNamingTheField(string query, string field)
    {
        using var response = await app.CreateClient().GetAsync($"/api/v1/exercises/clamshell-classic/demonstration.svg{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task UnknownExercise_Is404()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/exercises/no-such-exercise/demonstration.svg");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Movement_InTheJson_IsEveryKeyPoseInFull_SoAnotherClientCanDrawIt()
    {
        var bridge = (await AllAsync()).Single(e => e.GetProperty("id").GetString() == "glute-bridge-hold-at-top");
        var movement = bridge.GetProperty("movement");
        Assert.Equal("side", movement.GetProperty("view").GetString());
        var phases = movement.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["start", "move", "hold", "return"], phases.Select(p => p.GetProperty("phase").GetString()));
        Assert.True(phases[2].GetProperty("holdFromDose").GetBoolean());
        foreach (var phase in phases)
        {
            var pose = phase.GetProperty("pose");
            Assert.Equal("ground", pose.GetProperty("support").GetString());
            foreach (var joint in new[] { "hipFlexion", "hipAbduction", "hipRotation", "knee", "ankle", "shoulder", "elbow" })
            {
                Assert.Equal(JsonValueKind.Number, pose.GetProperty("working").GetProperty(joint).ValueKind);
                Assert.Equal(JsonValueKind.Number, pose.GetProperty("other").GetProperty(joint).ValueKind);
            }
        }

        // Lying on the back (pitch 90), then the hips lift into a straight line with the thighs.
        Assert.Equal(90, phases[0].GetProperty("pose").GetProperty("trunk").GetProperty("pitch").GetDouble());
        Assert.True(phases[1].GetProperty("pose").GetProperty("trunk").GetProperty("pitch").GetDouble() > 90);
        Assert.Equal(0, phases[1].GetProperty("pose").GetProperty("working").GetProperty("hipFlexion").GetDouble());
        // The return phase comes back to the start pose.
        Assert.Equal(phases[0].GetProperty("pose").GetRawText(), phases[3].GetProperty("pose").GetRawText());
    }

    [Fact]
    public async Task TheBenchmarksTwinWithoutDrawings_IsServedOnlyWithTheBenchRoutesOn()
    {
        const string twin = "X-Bench-Without-Drawings";
        // Normal runs: the header changes nothing.
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(twin, "1");
        Assert.Contains("variant-thumb", await client.GetStringAsync("/exercises"), StringComparison.Ordinal);
        Assert.Contains("data-demonstration=\"moving\"", await client.GetStringAsync("/exercises/glute-bridge-hold-at-top"), StringComparison.Ordinal);

        // bench/pages.sh: with the bench routes on, the same pages without their drawings.
        await using var bench = new TestApp();
        bench.Settings["Bench:BareRoutes"] = "true";
        var benched = bench.CreateClient();
        Assert.Contains("variant-thumb", await benched.GetStringAsync("/exercises"), StringComparison.Ordinal);
        benched.DefaultRequestHeaders.Add(twin, "1");
        var library = await benched.GetStringAsync("/exercises");
        Assert.DoesNotContain("variant-thumb", library, StringComparison.Ordinal);
        Assert.Contains("/exercises/glute-bridge-hold-at-top", library, StringComparison.Ordinal);
        var detail = await benched.GetStringAsync("/exercises/glute-bridge-hold-at-top");
        Assert.DoesNotContain("data-demonstration", detail, StringComparison.Ordinal);
        Assert.Contains("Lie face up", detail, StringComparison.Ordinal);
    }

    private static int Gzipped(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return (int)buffer.Length;
    }
}
