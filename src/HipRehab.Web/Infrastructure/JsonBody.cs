using System.Text.Json;

namespace HipRehab.Web.Infrastructure;

/// <summary>
/// Reads a JSON request body with a size limit, turning every way it can be wrong into RFC 9457
/// problem details that name the field: malformed JSON, a value of the wrong type, a body that is
/// too large (413) or not JSON at all (415). Handlers call it explicitly so that the field name
/// reaches the client, which the framework's own binder does not report.
/// </summary>
public static class JsonBody
{
    /// <summary>The largest JSON body any endpoint accepts.</summary>
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the body as JSON with Content-Type: application/json."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        byte[] buffer;
        try
        {
            buffer = await ReadBoundedAsync(request.Body, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge());
        }
        catch (BadHttpRequestException ex)
        {
            return (null, TypedResults.Problem(statusCode: ex.StatusCode, title: "The request body could not be read", detail: "Please send the request again."));
        }

        var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer, options);
            return value is null
                ? (null, Invalid("body", "A JSON object is required."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldFromPath(ex.Path);
            return (null, Invalid(field, field == "body"
                ? "The body is not valid JSON."
                : "This value has the wrong type or format."));
        }
    }

    /// <summary>
    /// Says in the OpenAPI document that the endpoint reads a <typeparamref name="T"/> with
    /// <see cref="ReadAsync{T}"/>, and so may answer 413 and 415 as well as its own results.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder endpoint) where T : notnull =>
        endpoint.Accepts<T>("application/json")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large", detail: $"Send at most {MaxBytes / 1024} KB.");

    private static ProblemHttpResult Invalid(string field, string message) =>
        Problems.Of(TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
            title: "Some answers need another look", detail: $"The field '{field}' could not be read."));

    /// <summary>Turns a JSON path like <c>$.surgery.date</c> or <c>$.redFlags[2]</c> into <c>surgery.date</c> / <c>redFlags[2]</c>.</summary>
    public static string FieldFromPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // Quoted names in bracket notation, e.g. $['weird name'].
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var ms = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (ms.Length + read > MaxBytes)
            {
                throw new BodyTooLargeException();
            }

            ms.Write(chunk, 0, read);
        }

        return ms.ToArray();
    }

    private sealed class BodyTooLargeException : Exception;
}
