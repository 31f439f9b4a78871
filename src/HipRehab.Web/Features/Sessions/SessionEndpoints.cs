using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Sessions;

public static class SessionEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/sessions").WithTags("Sessions").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapPost("/", LogAsync)
            .AcceptsJson<SessionRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The handler reads the header itself (an empty or long key is a field-named 400), so the document says it.
                operation.Parameters ??= [];
                operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
                {
                    Name = IdempotencyHeader,
                    In = Microsoft.OpenApi.ParameterLocation.Header,
                    Required = true,
                    Description = "New for each session; sending the same key and body again returns the first answer.",
                    Schema = new Microsoft.OpenApi.OpenApiSchema
                    {
                        Type = Microsoft.OpenApi.JsonSchemaType.String, MinLength = 1, MaxLength = SessionService.MaxKeyLength,
                    },
                });
                return Task.CompletedTask;
            })
            .WithSummary("Log a session. Send an Idempotency-Key (1–100 characters): the same key and body return the same answer and store nothing new; the same key with another body is refused (422).");

        group.MapGet("/", HistoryAsync)
            .WithSummary("Logged sessions, newest first, with the decisions each led to. Optional from/to dates (YYYY-MM-DD) and limit (1–200).");

        return app;
    }

    private static async Task<Results<StoredCreated, ValidationProblem, ProblemHttpResult>> LogAsync(HttpRequest request, SessionService sessions, CancellationToken ct)
    {
        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length is 0 or > SessionService.MaxKeyLength)
        {
            return Problems.Invalid(IdempotencyHeader, $"Send an {IdempotencyHeader} header of 1 to {SessionService.MaxKeyLength} characters, new for each session.");
        }

        var (body, problem) = await JsonBody.ReadAsync<SessionRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var result = await sessions.LogAsync(request.HttpContext.User.UserId(), key, body!, ct);
        return result.Outcome switch
        {
            SessionOutcome.Invalid => Problems.Invalid(result.Errors!),
            SessionOutcome.KeyReused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                type: Problems.TypeBase + "idempotency-key-reused", title: "This Idempotency-Key was used for another session",
                detail: $"Use a new {IdempotencyHeader} for each new session."),
            SessionOutcome.PlanPaused => Problems.Conflict("plan-paused", "Your plan is paused",
                "Your plan is paused because of a warning sign. Please follow the advice you were given before exercising again."),
            _ => new StoredCreated($"/api/v1/me/sessions/{result.Response!.Id}", result.ResponseJson!),
        };
    }

    private static async Task<Results<Ok<List<SessionSummary>>, ValidationProblem>> HistoryAsync(HttpContext http, AppDb db, string? from, string? to, int? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DateOnly? fromDate = Parse(from, "from", errors);
        DateOnly? toDate = Parse(to, "to", errors);
        if (limit is < 1 or > 200)
        {
            errors["limit"] = ["Must be from 1 to 200."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var userId = http.User.UserId();
        var query = db.Sessions.AsNoTracking().Where(s => s.UserId == userId);
        if (fromDate is DateOnly f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.PerformedAt >= start);
        }

        if (toDate is DateOnly t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(s => s.PerformedAt < end);
        }

        var sessions = await query.OrderByDescending(s => s.PerformedAt).ThenByDescending(s => s.Id).Take(limit ?? 50)
            .Include(s => s.Exercises).ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.UserId == userId && d.SessionId != null && ids.Contains(d.SessionId.Value)).ToListAsync(ct))
            .ToLookup(d => d.SessionId);
        return TypedResults.Ok(sessions.Select(s => new SessionSummary(s.Id, s.PerformedAt, s.PainBefore, s.PainAfter,
            [.. s.Exercises.Select(e => new LoggedExercise(e.PlanItemId, e.PrescribedExerciseId, e.CompletedSets, e.CompletedReps, e.CompletedHoldSeconds, e.PainDuring, e.Effort, e.Note))],
            [.. decisions[s.Id].Select(PlanMapping.ToResponse)])).ToList());
    }

    private static DateOnly? Parse(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date))
        {
            return date;
        }

        errors[field] = ["Use a date like 2026-11-26."];
        return null;
    }

    /// <summary>
    /// 201 with the stored JSON text, so a replay is byte-for-byte the first answer. It tells the
    /// OpenAPI document that the body is a <see cref="SessionResponse"/>, as <c>Created&lt;T&gt;</c> would.
    /// </summary>
    public sealed class StoredCreated(string location, string json) : IResult, IStatusCodeHttpResult, Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
    {
        public int? StatusCode => StatusCodes.Status201Created;

        public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(SessionResponse), ["application/json"]));

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status201Created;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync(json);
        }
    }
}
