namespace HipRehab.Web.Tests;

/// <summary>
/// Bad input to the person's API answers 400 problem details naming the field (413 for a huge
/// body), never a 5xx, and stores nothing (docs/api.md, Conventions).
/// </summary>
public sealed class PersonBadInputTests(TestApp app) : IClassFixture<TestApp>
{
    [Theory]
    [InlineData("painDuring", 11, "exercises[0].painDuring")]
    [InlineData("painDuring", -1, "exercises[0].painDuring")]
    [InlineData("effort", 11, "exercises[0].effort")]
    [InlineData("effort", -1, "exercises[0].effort")]
    [InlineData("completedSets", -1, "exercises[0].completedSets")]
    [InlineData("painDuring", null, "exercises[0].painDuring")]
    public async Task Session_ExerciseOutOfRange_Is400NamingTheField(string field, int? value, string expected)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var exercise = Bodies.Done(plan.FirstStrengthItem(), 1, 3);
        exercise[field] = value;
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", exercise))).ValidationProblemAsync(expected);
        await AssertNothingStoredAsync(person, plan);
    }

    [Theory]
    [InlineData("painBefore", 11)]
    [InlineData("painAfter", -2)]
    public async Task Session_PainBeforeOrAfterOutOfRange_Is400NamingTheField(string field, int value)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3));
        body[field] = value;
        await (await person.Client.LogSessionAsync(body)).ValidationProblemAsync(field);
        await AssertNothingStoredAsync(person, plan);
    }

    [Theory]
    [InlineData("2026-11-27T09:00:00Z")]
    [InlineData("2026-11-26T10:00:00Z")]
    [InlineData("2025-11-01T08:00:00Z")]
    [InlineData("2020-01-01T00:00:00Z")]
    [InlineData(null)]
    public async Task Session_PerformedAtInTheFutureOrOver365DaysAgo_Is400NamingPerformedAt(string? performedAt)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3));
        body["performedAt"] = performedAt;
        await (await person.Client.LogSessionAsync(body)).ValidationProblemAsync("performedAt");
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_BackEnteredWithinTheYear_IsAccepted()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        // 2025-11-26 is exactly 365 days before the test clock's today.
        var response = await person.Client.LogSessionAsync(Bodies.Session("2025-11-26T08:00:00Z", Bodies.Done(plan.FirstStrengthItem(), 1, 3)));
        await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Single(await person.Client.GetSessionsAsync());
    }

    [Fact]
    public async Task Session_DuplicatePlanItem_Is400NamingTheSecond()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var item = plan.FirstStrengthItem();
        var response = await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(item, 1, 3), Bodies.Done(item, 2, 3)));
        await response.ValidationProblemAsync("exercises[1].planItemId");
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_EmptyExercises_Is400NamingExercises()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z"))).ValidationProblemAsync("exercises");
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_UnknownPlanItem_Is400NamingIt()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var exercise = Bodies.Done(plan.FirstStrengthItem(), 1, 3);
        exercise["planItemId"] = Guid.NewGuid().ToString();
        await (await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", exercise))).ValidationProblemAsync("exercises[0].planItemId");
        await AssertNothingStoredAsync(person, plan);
    }

    [Theory]
    [InlineData("{\"performedAt\": \"2026-11-25T08:00:00Z\", ", "body")]
    [InlineData("not json at all", "body")]
    [InlineData("{\"performedAt\": \"yesterday\", \"exercises\": []}", "performedAt")]
    [InlineData("{\"performedAt\": \"2026-11-25T08:00:00Z\", \"exercises\": [{\"planItemId\": \"x\"}]}", "exercises[0].planItemId")]
    [InlineData("{\"performedAt\": \"2026-11-25T08:00:00Z\", \"exercises\": [{\"painDuring\": \"six\"}]}", "exercises[0].painDuring")]
    [InlineData("{\"performedAt\": \"2026-11-25T08:00:00Z\", \"exercises\": [{\"painDuring\": 2.5}]}", "exercises[0].painDuring")]
    public async Task Session_MalformedJson_Is400NamingTheField(string json, string field)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sessions") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await person.Client.SendAsync(request)).ValidationProblemAsync(field);
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_ThreeMegabyteBody_Is413()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var exercise = Bodies.Done(plan.FirstStrengthItem(), 1, 3);
        exercise["note"] = new string('a', 3 * 1024 * 1024);
        var response = await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", exercise));
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_LargeBodyWithoutContentLength_Is413()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var exercise = Bodies.Done(plan.FirstStrengthItem(), 1, 3);
        exercise["note"] = new string('a', 3 * 1024 * 1024);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Bodies.Session("2026-11-25T08:00:00Z", exercise));
        // A stream of unknown length is sent chunked: the limit must hold while reading, too.
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sessions") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await person.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Session_AgainstAnItemOfAReplacedPlan_Is400NamingIt()
    {
        var (person, first) = await app.SignUpWithPlanAsync();
        var second = await (await person.Client.PostAsync("/api/v1/me/plan", null)).ExpectAsync(HttpStatusCode.Created);
        var response = await person.Client.LogSessionAsync(Bodies.Session("2026-11-25T08:00:00Z", Bodies.Done(first.FirstStrengthItem(), 1, 3)));
        await response.ValidationProblemAsync("exercises[0].planItemId");
        await AssertNothingStoredAsync(person, second);
    }

    [Fact]
    public async Task Session_NotJson_Is415()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/me/sessions") { Content = new StringContent("pain=3", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await person.Client.SendAsync(request)).ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertNothingStoredAsync(person, plan);
    }

    [Theory]
    [InlineData("date", "2026-11-27", "date")]
    [InlineData("date", "2025-11-01", "date")]
    [InlineData("date", null, "date")]
    [InlineData("usualPain", 12, "usualPain")]
    [InlineData("usualPain", -1, "usualPain")]
    [InlineData("settledSinceLastSession", null, "settledSinceLastSession")]
    public async Task CheckIn_OutOfRange_Is400NamingTheField(string field, object? value, string expected)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.CheckIn("2026-11-26", 3, true);
        body[field] = value;
        await (await person.Client.CheckInAsync(body)).ValidationProblemAsync(expected);
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task CheckIn_UnknownRedFlag_Is400NamingItsIndex_AndPausesNothing()
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var body = Bodies.CheckIn("2026-11-26", 3, true, "itchy-elbow", "hot-swollen-fever");
        await (await person.Client.CheckInAsync(body)).ValidationProblemAsync("redFlags[0]");
        await AssertNothingStoredAsync(person, plan);
        Assert.Equal("active", (await person.Client.GetPlanAsync()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"date\": \"2026-11-26\", ")]
    [InlineData("{\"date\": \"26/11/2026\", \"usualPain\": 3, \"settledSinceLastSession\": true, \"redFlags\": []}")]
    [InlineData("{\"date\": \"2026-11-26\", \"usualPain\": \"high\", \"settledSinceLastSession\": true, \"redFlags\": []}")]
    public async Task CheckIn_MalformedJson_Is400(string json)
    {
        var (person, plan) = await app.SignUpWithPlanAsync();
        var response = await person.Client.PostRawAsync("/api/v1/me/check-ins", json);
        var body = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(body.TryGetProperty("errors", out _), body.ToString());
        await AssertNothingStoredAsync(person, plan);
    }

    [Fact]
    public async Task Intake_MalformedJson_Is400_AndKeepsTheEarlierIntake()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var before = await (await person.Client.GetAsync("/api/v1/me/intake")).ExpectAsync(HttpStatusCode.OK);
        var response = await person.Client.PutAsync("/api/v1/me/intake", new StringContent("{\"birthYear\": ", System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.BadRequest);
        var after = await (await person.Client.GetAsync("/api/v1/me/intake")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Theory]
    [InlineData("/api/v1/me/sessions?from=yesterday", "from")]
    [InlineData("/api/v1/me/sessions?to=2026-02-30", "to")]
    [InlineData("/api/v1/me/sessions?limit=0", "limit")]
    public async Task SessionHistory_BadQuery_Is400NamingTheParameter(string url, string field)
    {
        var person = await app.SignUpAsync();
        await (await person.Client.GetAsync(url)).ValidationProblemAsync(field);
    }

    /// <summary>No session, check-in or alert was stored, and the plan did not change.</summary>
    private static async Task AssertNothingStoredAsync(Person person, JsonElement plan)
    {
        Assert.Empty(await person.Client.GetSessionsAsync());
        Assert.Empty((await (await person.Client.GetAsync("/api/v1/me/check-ins")).ExpectAsync(HttpStatusCode.OK)).EnumerateArray());
        Assert.Empty(await person.Client.GetAlertsAsync());
        Assert.Equal(plan.ToString(), (await person.Client.GetPlanAsync()).ToString());
    }

    /// <summary>A read-only stream that does not say how long it is.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
