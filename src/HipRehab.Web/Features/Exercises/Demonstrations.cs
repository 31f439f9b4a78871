using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
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

    // Drawings inside pages, per variant instance (a clinic's edited exercise is a new instance, so
    // an entry never outlives what it drew): making one costs about a millisecond, showing a kept one nothing.
    private static readonly ConditionalWeakTable<ExerciseVariant, ConcurrentDictionary<(int? Hold, DrawnSide Side, DrawingMode Mode, string Prefix), string>> s_inline = [];

    /// <summary>A drawing with its validator.</summary>
    /// <param name="Svg">The UTF-8 bytes.</param>
    /// <param name="Gzipped">The same bytes gzipped, sent to clients that accept gzip.</param>
    /// <param name="Hash">The first 16 hex digits of its SHA-256.</param>
    public sealed record Drawn(byte[] Svg, byte[] Gzipped, string Hash);

    /// <summary>
    /// The drawing to put inside a page, at a given hold, made once per variant and kept;
    /// <paramref name="idPrefix"/> keeps the ids of several drawings on one page apart. Null without movement.
    /// </summary>
    public static string? Inline(ExerciseVariant variant, int? holdSeconds, DrawnSide side, DrawingMode mode, string idPrefix) =>
        variant.Movement is null
            ? null
            : s_inline.GetValue(variant, _ => new()).GetOrAdd((holdSeconds, side, mode, idPrefix), key =>
                DemonstrationDrawing.Render(variant, key.Hold, key.Side, key.Mode, key.Prefix)!);

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
            using var gzipped = new MemoryStream();
            using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                gzip.Write(svg);
            }

            return new Drawn(svg, gzipped.ToArray(), Convert.ToHexStringLower(SHA256.HashData(svg))[..16]);
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
        // Compressed once when made: a drawing holds no secrets, so gzip is safe over HTTPS too. The
        // gzipped bytes are another representation, so they have their own ETag.
        var gzip = AcceptsGzip(http.Request);
        var etag = gzip ? $"\"{drawn.Hash}-gzip\"" : $"\"{drawn.Hash}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = v == drawn.Hash ? "public, max-age=31536000, immutable" : "public, max-age=3600";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch.Any(x => x is not null && (x == etag || x == "*" || x.Split(',').Any(t => t.Trim() == etag))))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (gzip)
        {
            headers.ContentEncoding = "gzip";
            return TypedResults.Bytes(drawn.Gzipped, "image/svg+xml; charset=utf-8");
        }

        return TypedResults.Bytes(drawn.Svg, "image/svg+xml; charset=utf-8");
    }

    /// <summary>Whether the request's Accept-Encoding allows gzip (and does not give it q=0).</summary>
    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings)
        && codings.Any(c => (c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || c.Value == "*") && (c.Quality ?? 1) > 0)
        && !codings.Any(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && c.Quality == 0);
}
