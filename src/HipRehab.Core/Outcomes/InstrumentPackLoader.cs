using System.Text.Json;
using System.Text.RegularExpressions;
using HipRehab.Core.Library;

namespace HipRehab.Core.Outcomes;

/// <summary>The outcome of loading packs: those that loaded, and every problem as "file: field: message".</summary>
/// <param name="Packs">Packs without errors.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record InstrumentPackLoadResult(IReadOnlyList<InstrumentPack> Packs, IReadOnlyList<string> Errors);

/// <summary>
/// Reads and validates licensed instrument packs (format: <c>content/instruments/README.md</c>).
/// Like the exercise library, it reports every problem at once with the file and the field; a pack
/// with any error is left out whole, so a half-read questionnaire is never scored. No files is fine:
/// the product ships no pack.
/// </summary>
public static partial class InstrumentPackLoader
{
    /// <summary>The format version this loader reads.</summary>
    public const int FormatVersion = 1;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    /// <summary>Loads the given files.</summary>
    public static InstrumentPackLoadResult Load(IEnumerable<ContentFile> files)
    {
        var errors = new List<string>();
        var packs = new List<InstrumentPack>();
        foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var fileErrors = new List<string>();
            void Error(string field, string message) => fileErrors.Add($"{file.FileName}: {field}: {message}");
            try
            {
                using var doc = JsonDocument.Parse(file.Json);
                var pack = Read(doc.RootElement, Path.GetFileNameWithoutExtension(file.FileName), Error);
                if (pack is not null && fileErrors.Count == 0)
                {
                    if (packs.Any(p => p.Id == pack.Id))
                    {
                        Error("id", $"'{pack.Id}' is already used by another pack");
                    }
                    else
                    {
                        packs.Add(pack);
                    }
                }
            }
            catch (JsonException ex)
            {
                Error("(file)", $"not valid JSON ({ex.Message})");
            }

            errors.AddRange(fileErrors);
        }

        return new InstrumentPackLoadResult(packs, errors);
    }

    private static InstrumentPack? Read(JsonElement root, string fileStem, Action<string, string> error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error("(root)", "must be an object");
            return null;
        }

        var format = Int(root, "format", null, 1, 1000, error);
        if (format is not null and not FormatVersion)
        {
            error("format", $"this version of HipRehab reads format {FormatVersion}");
        }

        var id = Text(root, "id", null, error);
        if (id is not null)
        {
            if (!KebabCase().IsMatch(id))
            {
                error("id", "must be kebab-case (a-z, 0-9 and single hyphens)");
            }
            else if (id != fileStem)
            {
                error("id", $"'{id}' must match the file name '{fileStem}'");
            }
            else if (Vocab<Instrument>.TryParse(id, out _))
            {
                error("id", $"'{id}' is a built-in instrument");
            }
        }

        var name = Text(root, "name", null, error);
        var version = Text(root, "version", null, error);
        var instructions = Text(root, "instructions", null, error);
        string? licence = null;
        if (root.TryGetProperty("licence", out var lic) && lic.ValueKind == JsonValueKind.Object)
        {
            licence = Text(lic, "note", "licence", error);
        }
        else
        {
            error("licence", "is required: an object with a 'note' saying who licenses the instrument and on what terms");
        }

        ScoreDirection? direction = null;
        var dirText = root.TryGetProperty("direction", out var dir) && dir.ValueKind == JsonValueKind.String ? dir.GetString() : null;
        if (Vocab<ScoreDirection>.TryParse(dirText, out var d))
        {
            direction = d;
        }
        else
        {
            error("direction", $"'{dirText}' is not one of: {string.Join(", ", Vocab<ScoreDirection>.Names)}");
        }

        var items = Items(root, error);
        var scoring = Scoring(root, items.Count, error);

        decimal? meaningful = null;
        string? meaningfulSource = null;
        if (root.TryGetProperty("meaningfulChange", out var mc) && mc.ValueKind != JsonValueKind.Null)
        {
            if (mc.ValueKind != JsonValueKind.Object)
            {
                error("meaningfulChange", "must be an object { points, source } or null");
            }
            else
            {
                if (mc.TryGetProperty("points", out var pts) && pts.ValueKind == JsonValueKind.Number && pts.TryGetDecimal(out var p) && p > 0)
                {
                    meaningful = p;
                }
                else
                {
                    error("meaningfulChange.points", "is required and must be a number above 0, in the units of the final score");
                }

                meaningfulSource = Text(mc, "source", "meaningfulChange", error);
            }
        }
        else if (!root.TryGetProperty("meaningfulChange", out _))
        {
            error("meaningfulChange", "is required: { points, source }, or null to follow the score as a trend only");
        }

        if (id is null || name is null || version is null || instructions is null || licence is null || direction is null || scoring is null)
        {
            return null;
        }

        var pack = new InstrumentPack
        {
            Id = id, Name = name, Version = version, LicenceNote = licence, Instructions = instructions, Items = items,
            Scoring = scoring, Direction = direction.Value, MeaningfulChange = meaningful, MeaningfulChangeSource = meaningfulSource,
        };
        if (items.Count > 0 && meaningful is decimal m && m > pack.Range.Max - pack.Range.Min)
        {
            error("meaningfulChange.points", $"is larger than the whole score range ({pack.Range.Min} to {pack.Range.Max})");
        }

        return pack;
    }

    private static List<PackItem> Items(JsonElement root, Action<string, string> error)
    {
        var items = new List<PackItem>();
        if (!root.TryGetProperty("items", out var arr) || arr.ValueKind != JsonValueKind.Array || arr.GetArrayLength() == 0)
        {
            error("items", "is required and must be a non-empty array");
            return items;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var at = $"items[{i++}]";
            if (e.ValueKind != JsonValueKind.Object)
            {
                error(at, "must be an object");
                continue;
            }

            var id = Text(e, "id", at, error);
            if (id is not null && !ids.Add(id))
            {
                error($"{at}.id", $"'{id}' is used by another item");
            }

            var text = Text(e, "text", at, error);
            var options = new List<PackOption>();
            if (!e.TryGetProperty("options", out var opts) || opts.ValueKind != JsonValueKind.Array || opts.GetArrayLength() < 2)
            {
                error($"{at}.options", "is required and must hold at least 2 options");
            }
            else
            {
                var j = 0;
                foreach (var o in opts.EnumerateArray())
                {
                    var oat = $"{at}.options[{j++}]";
                    var label = o.ValueKind == JsonValueKind.Object ? Text(o, "label", oat, error) : null;
                    var score = o.ValueKind == JsonValueKind.Object ? Int(o, "score", oat, -1000, 1000, error) : null;
                    if (o.ValueKind != JsonValueKind.Object)
                    {
                        error(oat, "must be an object { label, score }");
                    }
                    else if (score is int s && options.Any(x => x.Score == s))
                    {
                        error($"{oat}.score", $"{s} is used by another option of this item; scores must be unique so an answer is unambiguous");
                    }
                    else if (label is not null && score is int sc)
                    {
                        options.Add(new PackOption(label, sc));
                    }
                }
            }

            if (id is not null && text is not null && options.Count >= 2)
            {
                items.Add(new PackItem(id, text, options));
            }
        }

        return items;
    }

    private static PackScoring? Scoring(JsonElement root, int itemCount, Action<string, string> error)
    {
        if (!root.TryGetProperty("scoring", out var s) || s.ValueKind != JsonValueKind.Object)
        {
            error("scoring", "is required: { method, rescaleTo100, reverse, maxMissing, decimals }");
            return null;
        }

        PackMethod? method = null;
        var methodText = s.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (Vocab<PackMethod>.TryParse(methodText, out var pm))
        {
            method = pm;
        }
        else
        {
            error("scoring.method", $"'{methodText}' is not one of: {string.Join(", ", Vocab<PackMethod>.Names)}");
        }

        var rescale = Bool(s, "rescaleTo100", "scoring", error);
        var reverse = Bool(s, "reverse", "scoring", error);
        var maxMissing = Int(s, "maxMissing", "scoring", 0, 1000, error);
        var decimals = Int(s, "decimals", "scoring", 0, 2, error);
        if (method == PackMethod.Sum && maxMissing > 0)
        {
            error("scoring.maxMissing", "must be 0 with 'sum': a sum with missing answers would not mean the same thing");
        }

        if (itemCount > 0 && maxMissing >= itemCount)
        {
            error("scoring.maxMissing", "must leave at least one item to answer");
        }

        return method is null || rescale is null || reverse is null || maxMissing is null || decimals is null
            ? null
            : new PackScoring(method.Value, rescale.Value, reverse.Value, maxMissing.Value, decimals.Value);
    }

    private static string Field(string? at, string name) => at is null ? name : $"{at}.{name}";

    private static string? Text(JsonElement e, string name, string? at, Action<string, string> error)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
        {
            return v.GetString()!.Trim();
        }

        error(Field(at, name), "is required and must be non-empty text");
        return null;
    }

    private static int? Int(JsonElement e, string name, string? at, int min, int max, Action<string, string> error)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= min && i <= max)
        {
            return i;
        }

        error(Field(at, name), $"is required and must be a whole number from {min} to {max}");
        return null;
    }

    private static bool? Bool(JsonElement e, string name, string at, Action<string, string> error)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return v.GetBoolean();
        }

        error(Field(at, name), "is required and must be true or false");
        return null;
    }
}
