using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HipRehab.Web.Tests;

/// <summary>
/// Holds every API answer the tests receive to the OpenAPI document (docs/openapi.json, which
/// <c>OpenApiContractTests</c> keeps equal to the app's own <c>/openapi/v1.json</c>): the status
/// must be one the operation lists, and a JSON body must match that status's schema. A mismatch
/// throws <see cref="ContractViolationException"/> out of the test's HTTP call, naming the route and the field.
/// </summary>
public sealed partial class ResponseContract
{
    private static readonly Lazy<ResponseContract> s_committed = new(() => new ResponseContract(
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "openapi.json")))!.AsObject()));

    private readonly JsonObject _paths;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public ResponseContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject();
        _definitions = document["components"]?["schemas"]?.DeepClone().AsObject() ?? [];
        Rewrite(_definitions);
    }

    /// <summary>The committed document, read once per test run.</summary>
    public static ResponseContract Committed => s_committed.Value;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HipRehab.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (HipRehab.slnx) was not found.");
    }

    /// <summary>Whether the document describes this route (as the endpoint wrote it, constraints removed).</summary>
    public bool Describes(string route) => _paths.ContainsKey(route);

    /// <summary>What is wrong with one answer, or an empty list; each line names the route and the field.</summary>
    /// <remarks>
    /// <c>bodyMayBeEmpty</c> is true only for a cookie sign-in (POST /api/v1/auth/login?useCookies=true),
    /// whose 200 the document describes as tokens or, with cookies, no body.
    /// </remarks>
    public IReadOnlyList<string> Check(string method, string route, int status, string? contentType, ReadOnlySpan<byte> body, bool bodyMayBeEmpty = false)
    {
        var where = $"{method} {route} answered {status}";
        if (_paths[route]?[method.ToLowerInvariant()] is not JsonObject operation)
        {
            return [$"{where}: the operation is not in the OpenAPI document"];
        }

        var responses = operation["responses"]?.AsObject();
        var response = responses?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses?["default"];
        if (response is null)
        {
            return [$"{where}: the document lists no {status} for this operation (it lists {string.Join(", ", responses?.Select(r => r.Key) ?? [])})"];
        }

        var content = response["content"]?.AsObject();
        var mediaType = contentType?.Split(';')[0].Trim();
        if (body.IsEmpty)
        {
            return content is { Count: > 0 } && method != "HEAD" && !bodyMayBeEmpty
                ? [$"{where}: the body is empty, but the document describes {string.Join(", ", content.Select(c => c.Key))}"]
                : [];
        }

        if (content is null || content.Count == 0)
        {
            return [$"{where}: the answer has a {mediaType} body, but the document describes none"];
        }

        if (mediaType is null || content[mediaType] is not JsonObject media)
        {
            return [$"{where}: the body is {mediaType ?? "untyped"}, but the document describes {string.Join(", ", content.Select(c => c.Key))}"];
        }

        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || media["schema"] is not JsonObject schema)
        {
            return [];
        }

        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body.ToArray()).RootElement;
        }
        catch (JsonException e)
        {
            return [$"{where}: the body is not JSON ({e.Message})"];
        }

        var key = $"{method} {route} {status} {mediaType}";
        var compiled = _schemas.GetOrAdd(key, _ => Build(schema));
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        // A branch of a oneOf that did not match is not itself the fault, so the errors outside
        // such branches come first (the oneOf that matched twice, a missing field, a wrong type).
        return [.. (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .OrderBy(d => BranchPattern().Count(d.EvaluationPath.ToString()))
            .SelectMany(d => d.Errors!.Select(e => $"{where}: field '{Field(d.InstanceLocation.ToString())}' ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty($"{where}: the body does not match the schema")
            .Distinct()
            .Take(10)];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/(oneOf|anyOf)/\d+")]
    private static partial System.Text.RegularExpressions.Regex BranchPattern();

    private static string Field(string pointer) => pointer.Length == 0 ? "(the whole body)" : pointer.TrimStart('/').Replace('/', '.');

    /// <summary>One response schema with every component schema beside it, its references pointing at them.</summary>
    private JsonSchema Build(JsonObject responseSchema)
    {
        var root = responseSchema.DeepClone().AsObject();
        Rewrite(root);
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = _definitions.DeepClone();
        var text = root.ToJsonString();
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>OpenAPI's <c>#/components/schemas/X</c> becomes JSON Schema's <c>#/$defs/X</c>.</summary>
    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    o["$ref"] = "#/$defs/" + target["#/components/schemas/".Length..];
                }

                foreach (var (_, child) in o.ToList())
                {
                    Rewrite(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Rewrite(child);
                }

                break;
        }
    }

    /// <summary>The route as the document writes it: leading slash, no constraints, no trailing slash.</summary>
    public static string RouteOf(RouteEndpoint endpoint)
    {
        var route = "/" + System.Text.RegularExpressions.Regex.Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }

    private static bool IsCookieSignIn(HttpRequest request, string route) =>
        route == "/api/v1/auth/login"
        && (request.Query["useCookies"] == "true" || request.Query["useSessionCookies"] == "true");

    /// <summary>The test-only first middleware: buffers each API answer and checks it before the client sees it.</summary>
    public sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    context.Response.Body = original;
                }

                if (context.GetEndpoint() is RouteEndpoint endpoint && RouteOf(endpoint) is var route && route.StartsWith("/api/", StringComparison.Ordinal))
                {
                    var problems = Committed.Check(context.Request.Method, route, context.Response.StatusCode, context.Response.ContentType,
                        buffer.GetBuffer().AsSpan(0, (int)buffer.Length), IsCookieSignIn(context.Request, route));
                    if (problems.Count > 0)
                    {
                        throw new ContractViolationException(string.Join(Environment.NewLine, problems));
                    }
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(original, context.RequestAborted);
            });
            next(app);
        };
    }
}

/// <summary>An answer that does not match the OpenAPI document; thrown out of the test's HTTP call.</summary>
public sealed class ContractViolationException(string message) : Exception(message);
