namespace HipRehab.Web.Infrastructure;

/// <summary>Problem-details answers shared by the API's features.</summary>
public static class Problems
{
    public const string TypeBase = "https://hiprehab.org/problems/";

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"{what} was not found.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "Some answers need another look", detail: $"Check: {field}.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some answers need another look", detail: $"Check: {string.Join(", ", errors.Keys)}.");

    /// <summary>
    /// A validation problem as the one problem type that helpers hand back (the same body: the field
    /// names under <c>errors</c>, status 400), so a handler's typed results need only
    /// <c>ValidationProblem</c> for its own checks and <c>ProblemHttpResult</c> for everything else.
    /// </summary>
    public static ProblemHttpResult Of(ValidationProblem validation) => TypedResults.Problem(validation.ProblemDetails);

    public static ProblemHttpResult Conflict(string type, string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: TypeBase + type, title: title, detail: detail);

    /// <summary>Dates may not be in the future nor more than 365 days in the past (docs/api.md).</summary>
    public const int MaxDaysBack = 365;

    public static string? CheckDate(DateOnly date, DateOnly today) =>
        date > today ? "The date cannot be in the future."
        : date < today.AddDays(-MaxDaysBack) ? $"The date cannot be more than {MaxDaysBack} days ago."
        : null;
}
