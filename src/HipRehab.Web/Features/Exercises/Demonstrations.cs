using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using HipRehab.Core.Library;
using Microsoft.Net.Http.Headers;

namespace HipRehab.Web.Features.Exercises;

/// <summary>
/// Serves the drawings (docs/api.md, "Demonstrations"). The library does not change while the app
/// runs, so each drawing is made once and kept with its ETag, a hash of its bytes; the URL the API
/// gives carries that hash (<c>v=</c>), so a browser may keep it for a year.
/// </summary>
public static class Demonstrations
{
    private static readonly ConcurrentDictionary<(string Id, DrawnSide Side, DrawingMode Mode), Drawn> s_drawn = new();

    /// <summary>A drawing with its validator.</summary>
    /// <param name="Svg">The UTF-8 bytes.</param>
    /// <param name="Hash">The first 16 hex digits of its SHA-256.</param>
    public sealed record Drawn(byte[] Svg, string Hash);

    /// <summary>The drawing of a library variant (the default dose's hold), made once.</summary>
    public static Drawn? Of(ExerciseVariant variant, DrawnSide side, DrawingMode mode)
    {
        if (variant.Movement is null)
        {
            return null;
        }

        return s_drawn.GetOrAdd((variant.Id, side, mode), _ =>
        {
            var svg = Encoding.UTF8.GetBytes(DemonstrationDrawing.Render(variant, variant.DefaultDose.HoldSeconds, side, mode)!);
            return new Drawn(svg, Convert.ToHexStringLower(SHA256.HashData(svg))[..16]);
        });
    }

    /// <summary>The URL of the variant's moving drawing, right side, with its content hash.</summary>
    public static string? UrlOf(ExerciseVariant variant, DrawnSide side = DrawnSide.Right, DrawingMode mode = DrawingMode.Animated) =>
        Of(variant, side, mode) is { } drawn
            ? $"/api/v1/exercises/{variant.Id}/demonstration.svg?side={(side == DrawnSide.Right ? "right" : "left")}"
              + (mode switch { DrawingMode.Still => "&still=true", DrawingMode.Thumbnail => "&thumbnail=true", _ => "" }) + $"&v={drawn.Hash}"
            : null;

    public static IResult Get(string id, HttpContext http, ExerciseLibrary library, string? side = null, string? still = null, string? thumbnail = null, string? v = null)
    {
        var errors = new Dictionary<string, string[]>();
        var drawnSide = side switch
        {
            null or "right" => DrawnSide.Right,
            "left" => DrawnSide.Left,
            _ => (DrawnSide?)null,
        };
        if (drawnSide is null)
        {
            errors["side"] = ["Use \"left\" or \"right\"."];
        }

        bool? Flag(string name, string? value)
        {
            switch (value)
            {
                case null or "false":
                    return false;
                case "true":
                    return true;
                default:
                    errors[name] = ["Use \"true\" or \"false\"."];
                    return null;
            }
        }

        var isStill = Flag("still", still);
        var isThumbnail = Flag("thumbnail", thumbnail);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (library.FindVariant(id) is not { } variant || Of(variant, drawnSide!.Value, DrawingMode.Animated) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Exercise not found", detail: $"There is no exercise with the id '{id}'.");
        }

        var mode = isThumbnail == true ? DrawingMode.Thumbnail : isStill == true ? DrawingMode.Still : DrawingMode.Animated;
        var drawn = Of(variant, drawnSide!.Value, mode)!;
        var etag = $"\"{drawn.Hash}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = v == drawn.Hash ? "public, max-age=31536000, immutable" : "public, max-age=3600";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        if (http.Request.Headers.IfNoneMatch.Any(x => x is not null && (x == etag || x == "*" || x.Split(',').Any(t => t.Trim() == etag))))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(drawn.Svg, "image/svg+xml; charset=utf-8");
    }
}
