using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HipRehab.Web.Tests;

/// <summary>
/// The OpenAPI document as a contract (docs/api.md, "OpenAPI"): it lints clean under Redocly's
/// recommended rules, docs/openapi.json is the app's own /openapi/v1.json, every protected
/// operation says how to sign in and every anonymous one says it needs nothing, and the response
/// check that every API test runs (<see cref="ResponseContract"/>) fails on an answer that breaks it.
/// </summary>
public sealed class OpenApiContractTests(TestApp app) : IClassFixture<TestApp>
{
    /// <summary>Set to 1 to write the live document over docs/openapi.json (then review the diff).</summary>
    private const string UpdateVariable = "HIPREHAB_UPDATE_OPENAPI";

    /// <summary>The two reads with no input, so no client error to describe (redocly.yaml says the same).</summary>
    private static readonly HashSet<string> s_noClientError = new(StringComparer.Ordinal) { "GET /api/v1/rules", "GET /api/v1/exercises" };

    private static readonly string[] s_methods = ["get", "put", "post", "delete", "patch"];

    private async Task<JsonObject> LiveAsync() =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    private static IEnumerable<(string Name, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => s_methods
                .Where(m => path.Value![m] is JsonObject)
                .Select(m => ($"{m.ToUpperInvariant()} {path.Key}", path.Value![m]!.AsObject())));

    [Fact]
    public async Task CommittedDocument_IsTheAppsOwn()
    {
        var live = await LiveAsync();
        var file = Path.Combine(ResponseContract.RepositoryRoot(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(file, live.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }

        var committed = JsonNode.Parse(await File.ReadAllTextAsync(file));
        Assert.True(JsonNode.DeepEquals(live, committed),
            $"docs/openapi.json differs from /openapi/v1.json. Run the web tests once with {UpdateVariable}=1 to write it, and review the diff.");
    }

    [Fact]
    public async Task Document_LintsCleanUnderRedoclysRecommendedRules()
    {
        var root = ResponseContract.RepositoryRoot();
        var redocly = Path.Combine(root, "tools", "openapi-lint", "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: run `npm ci --prefix tools/openapi-lint` (./test.sh does it).");

        var document = Path.Combine(Path.GetTempPath(), $"hiprehab-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, (await LiveAsync()).ToJsonString());
        try
        {
            var start = new ProcessStartInfo(redocly)
            {
                ArgumentList = { "lint", document, "--config", Path.Combine(root, "redocly.yaml"), "--format=json" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var stdout = lint.StandardOutput.ReadToEndAsync();
            var stderr = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();

            var report = JsonNode.Parse(await stdout)!;
            var problems = report["problems"]!.AsArray()
                .Select(p => $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}")
                .ToList();
            Assert.True(problems.Count == 0, $"Redocly found {problems.Count} problems:\n{string.Join("\n", problems)}\n{await stderr}");
            Assert.Equal(0, report["totals"]!["errors"]!.GetValue<int>());
            Assert.Equal(0, report["totals"]!["warnings"]!.GetValue<int>());
            Assert.Equal(0, lint.ExitCode);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact]
    public async Task ProtectedOperations_NeedTheBearerScheme_AndListA401_AnonymousOnesNeedNothing()
    {
        var document = await LiveAsync();
        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());

        string[] anonymous = ["GET /api/v1/rules", "GET /api/v1/exercises", "GET /api/v1/exercises/{id}", "POST /api/v1/plan-preview",
            "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh"];
        foreach (var (name, operation) in Operations(document))
        {
            var security = operation["security"]?.AsArray();
            Assert.True(security is not null, $"{name} does not say whether it needs a sign-in");
            if (anonymous.Contains(name))
            {
                Assert.True(security.Count == 0, $"{name} is open to everyone, but its security is {security.ToJsonString()}");
            }
            else if (name.Contains("/me/", StringComparison.Ordinal) || name.Contains("/clinics", StringComparison.Ordinal) || name.Contains("/manage/", StringComparison.Ordinal))
            {
                Assert.True(security.Count == 1 && security[0]!["bearer"] is not null, $"{name} needs a sign-in, but its security is {security.ToJsonString()}");
                Assert.True(operation["responses"]!["401"] is not null, $"{name} needs a sign-in but lists no 401");
            }
        }
    }

    [Fact]
    public async Task EveryOperation_HasAUniqueIdentifier_ASummary_ATagWithADescription_AndItsProblems()
    {
        var document = await LiveAsync();
        var tags = document["tags"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!["description"]?.GetValue<string>());
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, operation) in Operations(document))
        {
            var id = operation["operationId"]?.GetValue<string>();
            Assert.True(id is not null && System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Za-z][A-Za-z0-9_]*$"), $"{name} has operationId '{id}'");
            Assert.True(ids.TryAdd(id, name), $"{name} and {ids.GetValueOrDefault(id)} share the operationId {id}");
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has no summary");

            var tag = Assert.Single(operation["tags"]!.AsArray())!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(tags.GetValueOrDefault(tag)), $"{name}'s tag '{tag}' has no description");

            var statuses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
            Assert.Contains(statuses, s => s.StartsWith('2'));
            if (!s_noClientError.Contains(name))
            {
                Assert.True(statuses.Any(s => s.StartsWith('4')), $"{name} lists no 4xx answer");
            }
        }

        Assert.True(ids.Count > 50, $"only {ids.Count} operations were read");
    }

    [Fact]
    public void ResponseCheck_NamesTheRouteAndTheField_OfAWrongAnswer()
    {
        var contract = ResponseContract.Committed;
        var good = """{"id":"PM1","title":"t","text":"x","confidence":"C","sources":["article"]}""";
        var rules = contract.Check("GET", "/api/v1/rules", 200, "application/json", System.Text.Encoding.UTF8.GetBytes($"[{good}]"));
        Assert.Empty(rules);

        var wrong = contract.Check("GET", "/api/v1/rules", 200, "application/json",
            System.Text.Encoding.UTF8.GetBytes("""[{"id":7,"title":"t","text":"x","confidence":"C","sources":["article"]}]"""));
        Assert.Contains(wrong, e => e.StartsWith("GET /api/v1/rules answered 200", StringComparison.Ordinal) && e.Contains("'0.id'", StringComparison.Ordinal));

        var undocumented = contract.Check("GET", "/api/v1/rules", 418, "application/json", "{}"u8);
        Assert.Contains(undocumented, e => e.Contains("lists no 418", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryApiTest_FailsWhenTheAppAnswersOutsideTheDocument()
    {
        // An app whose answer to GET /api/v1/exercises is changed after the endpoint wrote it:
        // the first variant's sets become text. The check every test runs must refuse it.
        await using var broken = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter, BreakTheExerciseList>()));

        var failure = await Assert.ThrowsAsync<ContractViolationException>(() => broken.CreateClient().GetAsync("/api/v1/exercises"));
        Assert.Contains("GET /api/v1/exercises answered 200", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'0.defaultDose.sets'", failure.Message, StringComparison.Ordinal);

        // The same app, unbroken, passes the check.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/api/v1/exercises")).StatusCode);
    }

    /// <summary>Runs inside the response check (registered after it) and spoils one field of the exercise list.</summary>
    private sealed class BreakTheExerciseList : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/api/v1/exercises")
                {
                    await nextMiddleware(context);
                    return;
                }

                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                await nextMiddleware(context);
                context.Response.Body = original;

                var list = JsonNode.Parse(buffer.ToArray())!.AsArray();
                list[0]!["defaultDose"]!["sets"] = "three";
                context.Response.ContentLength = null;
                await context.Response.WriteAsync(list.ToJsonString());
            });
            next(builder);
        };
    }
}
