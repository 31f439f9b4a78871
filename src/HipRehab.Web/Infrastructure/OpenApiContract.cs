using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace HipRehab.Web.Infrastructure;

/// <summary>
/// What the OpenAPI document (<c>/openapi/v1.json</c>, docs/api.md) says beyond what each endpoint's
/// types give it: the bearer scheme on every protected operation (and on none of the anonymous
/// ones), a stable <c>operationId</c>, the 401 and 429 answers that authorization and the rate
/// limiter give, and a description for every tag. It is all read from the endpoints' own metadata,
/// so a new endpoint is described the same way without a hand-written list. Checked by
/// tests/HipRehab.Web.Tests/Host/OpenApiContractTests.cs (Redocly's recommended rules, 0 errors).
/// </summary>
public static partial class OpenApiContract
{
    public const string BearerScheme = "bearer";

    private const string ProblemSchema = "ProblemDetails";

    /// <summary>Every tag the API uses, with what its operations are for.</summary>
    private static readonly Dictionary<string, string> s_tags = new()
    {
        ["Accounts"] = "Signing up and in, tokens, a second factor and the account's details.",
        ["Exercise library"] = "The public exercise library: every family and variant with its steps, demands and dose.",
        ["Rules"] = "The clinical rule catalogue that every decision cites (docs/clinical-rules.md).",
        ["Plan preview"] = "Try it: the plan a person with some intake answers would get, stored nowhere.",
        ["Intake"] = "The person's intake answers and their screening.",
        ["Plan"] = "The person's home exercise plan, each item with the rules that chose it.",
        ["Today"] = "What is due on a day, and what was already done.",
        ["Sessions"] = "Logging a session (once, with an Idempotency-Key) and the decisions it led to.",
        ["Check-ins"] = "The morning check-in: pain, how yesterday's session felt, and warning signs.",
        ["Alerts"] = "Alerts raised when pain persists or worsens, or a warning sign is reported.",
        ["Outcomes"] = "Outcome measures: the instruments, results with their meaning, and what is due.",
        ["Body and activity"] = "Weight and minutes of activity, for the lifestyle advice.",
        ["Progress"] = "Pain, consistency, outcomes, weight and activity over time.",
        ["Clinics"] = "Clinics, their staff, invitations and the audit of who opened which record.",
        ["Clinic patients"] = "A clinic's view of the people who share their records with it.",
        ["Clinic tailoring"] = "A clinician's changes to a person's plan: clearances, precautions, items and the clinic's own exercises.",
        ["Sharing with a clinic"] = "The person's choice of which clinics see their records.",
    };

    /// <summary>Summaries for ASP.NET Core Identity's endpoints, which carry none of their own.</summary>
    private static readonly Dictionary<string, string> s_identitySummaries = new()
    {
        ["POST api/v1/auth/register"] = "Create an account with an e-mail address and a password.",
        ["POST api/v1/auth/login"] = "Sign in: an access token and a refresh token (add twoFactorCode for an account with a second factor).",
        ["POST api/v1/auth/refresh"] = "Swap a refresh token for a new pair of tokens.",
        ["GET api/v1/auth/confirmEmail"] = "Confirm an e-mail address with the code from the confirmation e-mail.",
        ["POST api/v1/auth/resendConfirmationEmail"] = "Send the confirmation e-mail again.",
        ["POST api/v1/auth/forgotPassword"] = "Ask for a password reset code by e-mail.",
        ["POST api/v1/auth/resetPassword"] = "Set a new password with the reset code.",
        ["POST api/v1/auth/manage/2fa"] = "Turn the second factor (an authenticator app) on or off, or get new recovery codes.",
        ["GET api/v1/auth/manage/info"] = "The account's e-mail address and whether it is confirmed.",
        ["POST api/v1/auth/manage/info"] = "Change the account's e-mail address or password.",
    };

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HipRehab API";
            document.Info.Description = "Home exercise programs for hip pain, with every decision explained by its clinical rule. HipRehab does not diagnose; people should check with a physical therapist or doctor before starting.";
            // Relative to wherever the document was fetched, so it reads the same on every node.
            document.Servers = [new OpenApiServer { Url = "/", Description = "The server this document came from" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken from POST /api/v1/auth/login (renewed with POST /api/v1/auth/refresh). Clinic routes need a token from a sign-in with the second factor.",
            };
            // A nullable enum property is already oneOf [null, the enum]; the enum's own list must
            // not hold null as well, or a null would match both branches of that oneOf.
            foreach (var schema in document.Components.Schemas?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (schema.Enum is { Count: > 0 } values && values.Any(IsNull))
                {
                    schema.Enum = [.. values.Where(v => !IsNull(v))];
                }
            }

            var used = document.Paths.Values
                .SelectMany(path => path.Operations?.Values.AsEnumerable() ?? [])
                .SelectMany(operation => operation.Tags ?? new HashSet<OpenApiTagReference>())
                .Select(tag => tag.Name)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
            {
                Name = name,
                Description = s_tags.GetValueOrDefault(name),
            }));
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var method = description.HttpMethod ?? "GET";
            var path = description.RelativePath ?? "";
            var metadata = description.ActionDescriptor.EndpointMetadata;

            // Identity names one endpoint "MapIdentityApi-/api/v1/auth/confirmEmail", which no generator can use.
            if (operation.OperationId is null || !IdentifierPattern().IsMatch(operation.OperationId))
            {
                operation.OperationId = OperationIdOf(method, path);
            }

            operation.Summary ??= s_identitySummaries.GetValueOrDefault($"{method} {path}");
            operation.Responses ??= new OpenApiResponses();

            var isProtected = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (isProtected)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                AddProblem(operation, context, StatusCodes.Status401Unauthorized, "Not signed in, or the token has expired.");
            }
            else
            {
                operation.Security = []; // said outright: this operation needs no sign-in
            }

            // Identity's sign-in and refresh answer 401 problems that are not in their metadata,
            // and a cookie sign-in answers 200 with no body (ResponseContract allows exactly that).
            if (path == "api/v1/auth/login")
            {
                AddProblem(operation, context, StatusCodes.Status401Unauthorized, "The e-mail address, password or second-factor code is wrong, or the account is locked for a while.");
                if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse signedIn)
                {
                    signedIn.Description = "Signed in: the tokens. With useCookies or useSessionCookies the body is empty and the sign-in cookie is set instead.";
                }
            }
            else if (path == "api/v1/auth/refresh")
            {
                AddProblem(operation, context, StatusCodes.Status401Unauthorized, "The refresh token is wrong or has expired; sign in again.");
            }

            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                AddProblem(operation, context, StatusCodes.Status429TooManyRequests, "Too many attempts; the Retry-After header says how many seconds to wait.");
            }

            return Task.CompletedTask;
        });
    }

    private static bool IsNull(System.Text.Json.Nodes.JsonNode? value) =>
        value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.Null;

    /// <summary>
    /// A problem-details answer the endpoint's own types do not list (authorization's 401, the rate
    /// limiter's 429); Identity's login answers 401 itself and lists it without a body.
    /// </summary>
    private static void AddProblem(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        };
    }

    /// <summary>
    /// A stable id from the method and the route: <c>GET api/v1/me/alerts/{id}</c> becomes
    /// <c>getMeAlertsById</c>. It changes only when the route does.
    /// </summary>
    public static string OperationIdOf(string method, string relativePath)
    {
        var words = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(s => s is "api" or "v1")
            .Select(segment => ParameterPattern().Match(segment) is { Success: true } p
                ? "By" + Pascal(p.Groups[1].Value)
                : Pascal(segment));
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static string Pascal(string text) =>
        string.Concat(text.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\{(\w+)(:[^}]*)?\}$")]
    private static partial Regex ParameterPattern();
}
