using System.Text.Json;
using HipRehab.Core.Rules;

namespace HipRehab.Core.Library;

/// <summary>One content file as text, named so that errors can point at it.</summary>
/// <param name="FileName">The file's name, e.g. <c>clamshell.json</c>.</param>
/// <param name="Json">The file's text.</param>
public sealed record ContentFile(string FileName, string Json);

/// <summary>The outcome of loading the library: the library, or every problem found.</summary>
/// <param name="Library">The library when there were no errors, else null.</param>
/// <param name="Errors">Each problem as "file: field: message".</param>
public sealed record LibraryLoadResult(ExerciseLibrary? Library, IReadOnlyList<string> Errors);

/// <summary>
/// Reads and validates exercise content. It checks every value against the public vocabulary,
/// every ladder (levels 1..n without gaps, at least three, exactly one article version, one
/// category) and every rule ID, and reports all problems at once so a content author can fix
/// a file in one pass.
/// </summary>
public static class LibraryLoader
{
    /// <summary>The fewest variants a family may have (issue contract: easier, article, harder).</summary>
    public const int MinimumLevels = 3;

    /// <summary>Loads the given files; the library is null when any error was found.</summary>
    /// <param name="files">The content files.</param>
    /// <param name="movementRequired">
    /// True for the product's own library, where every variant must carry its <c>movement</c>; a
    /// clinic's own exercise may leave it out (it then has no drawing). Where a movement is given,
    /// its poses are always checked against the declared demands.
    /// </param>
    public static LibraryLoadResult Load(IEnumerable<ContentFile> files, bool movementRequired = false)
    {
        var errors = new List<string>();
        var families = new List<ExerciseFamily>();
        var seenIds = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var file in files.OrderBy(f => f.FileName, StringComparer.Ordinal))
        {
            var reader = new Reader(file.FileName, errors) { MovementRequired = movementRequired };
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(file.Json, new JsonDocumentOptions { AllowTrailingCommas = false });
            }
            catch (JsonException ex)
            {
                errors.Add($"{file.FileName}: (file): not valid JSON ({ex.Message})");
                continue;
            }

            using (doc)
            {
                var family = ReadFamily(reader, doc.RootElement, Path.GetFileNameWithoutExtension(file.FileName));
                if (family is null)
                {
                    continue;
                }

                foreach (var v in family.Variants)
                {
                    if (seenIds.TryGetValue(v.Id, out var other))
                    {
                        errors.Add($"{file.FileName}: variants.id: '{v.Id}' is also used in {other}");
                    }
                    else
                    {
                        seenIds[v.Id] = file.FileName;
                    }
                }

                families.Add(family);
            }
        }

        if (families.Count == 0 && errors.Count == 0)
        {
            errors.Add("(library): (files): no exercise files were found");
        }

        var ordered = families
            .OrderBy(f => f.Category)
            .ThenBy(f => Array.IndexOf(StandardFamilyOrder, f.Id) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(f => f.Id, StringComparer.Ordinal);
        return errors.Count > 0 ? new(null, errors) : new(new ExerciseLibrary(ordered), errors);
    }

    // The article's order, so lists read the way the article does.
    private static readonly string[] StandardFamilyOrder =
    [
        "glute-bridge", "clamshell", "squat", "side-lying-leg-lift", "banded-hip-abduction",
        "hip-flexor-stretch", "piriformis-stretch", "hamstring-stretch", "it-band-stretch", "calf-stretch",
    ];

    private static ExerciseFamily? ReadFamily(Reader r, JsonElement root, string fileStem)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            r.Error("(root)", "must be an object");
            return null;
        }

        var errorsBefore = r.ErrorCount;
        var id = r.String(root, "family");
        if (id is not null && id != fileStem)
        {
            r.Error("family", $"'{id}' must match the file name '{fileStem}'");
        }

        var name = r.String(root, "familyName");
        var category = r.Enum<Category>(root, "category");
        var summary = r.String(root, "summary");
        var omitFor = root.TryGetProperty("omitForPainLocations", out _)
            ? r.EnumList<PainLocation>(root, "omitForPainLocations", "(family)")
            : [];
        var variants = new List<ExerciseVariant>();
        if (root.TryGetProperty("variants", out var arr) && arr.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in arr.EnumerateArray())
            {
                var v = ReadVariant(r, item, $"variants[{i}]", id ?? fileStem, name ?? fileStem, category);
                if (v is not null)
                {
                    variants.Add(v);
                }

                i++;
            }
        }
        else
        {
            r.Error("variants", "must be an array of variants");
        }

        if (r.ErrorCount > errorsBefore || id is null || name is null || summary is null || category is null)
        {
            return null;
        }

        CheckLadder(r, variants);
        return r.ErrorCount > errorsBefore
            ? null
            : new ExerciseFamily(id, name, category.Value, summary,
                [.. variants.OrderBy(v => v.Level).Select(v => v with { OmitForPainLocations = omitFor })]);
    }

    private static void CheckLadder(Reader r, List<ExerciseVariant> variants)
    {
        if (variants.Count < MinimumLevels)
        {
            r.Error("variants", $"a family needs at least {MinimumLevels} levels, found {variants.Count}");
        }

        var levels = variants.Select(v => v.Level).Order().ToList();
        for (var i = 0; i < levels.Count; i++)
        {
            if (levels[i] != i + 1)
            {
                r.Error("variants.level", $"levels must run 1, 2, 3 … without gaps or repeats; found {string.Join(", ", levels)}");
                break;
            }
        }

        var article = variants.Count(v => v.FromArticle);
        if (article != 1)
        {
            r.Error("variants.fromArticle", $"exactly one variant must be the article's version; found {article}");
        }
    }

    private static ExerciseVariant? ReadVariant(Reader r, JsonElement e, string at, string family, string familyName, Category? familyCategory)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            r.Error(at, "must be an object");
            return null;
        }

        var before = r.ErrorCount;
        var id = r.String(e, "id", at);
        if (id is not null && !id.StartsWith(family + "-", StringComparison.Ordinal))
        {
            r.Error($"{at}.id", $"'{id}' must start with '{family}-'");
        }

        var name = r.String(e, "name", at);
        var level = r.Int(e, "level", at, 1, 20);
        var fromArticle = r.Bool(e, "fromArticle", at);
        var position = r.Enum<Position>(e, "position", at);
        var laterality = r.Enum<Laterality>(e, "laterality", at);
        var supported = r.Bool(e, "supported", at);
        var equipment = r.EnumList<Equipment>(e, "equipment", at);
        var demands = r.EnumList<Demand>(e, "demands", at);
        var goals = r.EnumList<Goal>(e, "goals", at, requireOne: true);
        var dose = ReadDose(r, e, at);
        var limits = ReadLimits(r, e, at);
        var steps = r.StringList(e, "steps", at, requireOne: true);
        var cues = r.StringList(e, "cues", at, requireOne: true);
        var mistakes = r.StringList(e, "mistakes", at, requireOne: true);
        var cautions = r.StringList(e, "cautions", at, requireOne: true);
        var ruleIds = r.StringList(e, "ruleIds", at, requireOne: true);
        for (var i = 0; i < ruleIds.Count; i++)
        {
            if (!RuleCatalogue.Contains(ruleIds[i]))
            {
                r.Error($"{at}.ruleIds[{i}]", $"'{ruleIds[i]}' is not a rule in the catalogue");
            }
        }

        Movement.MovementData? movement = null;
        if (e.TryGetProperty("movement", out var movementElement))
        {
            movement = Movement.MovementReader.Read(movementElement, $"{at}.movement", dose?.HoldSeconds is not null, r.Error);
        }
        else if (r.MovementRequired)
        {
            r.Error($"{at}.movement", "is required: the variant's key poses, from which its drawing is made (content/README.md)");
        }

        if (movement is not null && dose is not null)
        {
            foreach (var problem in Movement.MovementDemands.Compare(movement, dose.HoldSeconds, demands))
            {
                r.Error($"{at}.movement", $"variant '{id}': {problem}");
            }
        }

        if (r.ErrorCount > before || id is null || name is null || level is null || fromArticle is null || position is null
            || laterality is null || supported is null || dose is null || limits is null || familyCategory is null)
        {
            return null;
        }

        CheckConsistency(r, at, laterality.Value, equipment, demands, position.Value, dose, limits, familyCategory.Value);
        return new ExerciseVariant
        {
            Id = id, Family = family, FamilyName = familyName, Name = name, Level = level.Value,
            FromArticle = fromArticle.Value, Category = familyCategory.Value, Position = position.Value,
            Laterality = laterality.Value, Supported = supported.Value, Equipment = equipment, Demands = demands,
            Goals = goals, DefaultDose = dose, Progression = limits, Steps = steps, Cues = cues, Mistakes = mistakes,
            Cautions = cautions, RuleIds = ruleIds, Movement = movement,
        };
    }

    private static void CheckConsistency(Reader r, string at, Laterality laterality, IReadOnlyList<Equipment> equipment,
        IReadOnlyList<Demand> demands, Position position, Dose dose, ProgressionLimits limits, Category category)
    {
        if (dose.PerSide != (laterality == Laterality.EachSide))
        {
            r.Error($"{at}.defaultDose.perSide", "must be true exactly when laterality is 'each-side'");
        }

        var banded = equipment.Contains(Equipment.ResistanceBand);
        if (banded != dose.Band.HasValue)
        {
            r.Error($"{at}.defaultDose.band", "a band colour is required exactly when the variant needs a resistance-band");
        }

        if (limits.MaxBand.HasValue && (!dose.Band.HasValue || limits.MaxBand < dose.Band))
        {
            r.Error($"{at}.progression.maxBand", "must be at or after the starting band, and only for banded variants");
        }

        if (dose.Reps is null && dose.HoldSeconds is null)
        {
            r.Error($"{at}.defaultDose", "needs reps or holdSeconds");
        }

        if (limits.MaxSets < dose.Sets)
        {
            r.Error($"{at}.progression.maxSets", "must be at least the starting sets");
        }

        if (dose.Reps is int reps && limits.MaxReps is int maxReps && maxReps < reps)
        {
            r.Error($"{at}.progression.maxReps", "must be at least the starting reps");
        }

        if (limits.MaxReps is not null && dose.Reps is null)
        {
            r.Error($"{at}.progression.maxReps", "only applies when the dose has reps");
        }

        if (limits.MaxHoldSeconds is int maxHold)
        {
            if (dose.HoldSeconds is not int hold || maxHold < hold)
            {
                r.Error($"{at}.progression.maxHoldSeconds", "needs a starting hold no longer than it");
            }

            if (limits.HoldStepSeconds is not > 0)
            {
                r.Error($"{at}.progression.holdStepSeconds", "is required (above 0) when maxHoldSeconds is set");
            }
        }

        if (category == Category.Stretching && dose.HoldSeconds is null)
        {
            r.Error($"{at}.defaultDose.holdSeconds", "a stretch needs a hold time (D4)");
        }

        var lyingPosition = position is Position.LyingOnBack or Position.LyingOnSide or Position.LyingOnFront;
        if (lyingPosition != demands.Contains(Demand.Lying))
        {
            r.Error($"{at}.demands", "a lying position must declare 'lying', and only a lying position may");
        }

        if (position == Position.Kneeling && !demands.Contains(Demand.Kneeling))
        {
            r.Error($"{at}.demands", "a kneeling position must declare 'kneeling'");
        }

        if (position == Position.Standing && !demands.Contains(Demand.Standing))
        {
            r.Error($"{at}.demands", "a standing position must declare 'standing'");
        }

        if (position == Position.LyingOnBack && !demands.Contains(Demand.Supine))
        {
            r.Error($"{at}.demands", "lying on the back must declare 'supine'");
        }

        if (position == Position.LyingOnSide && !demands.Contains(Demand.SideLying))
        {
            r.Error($"{at}.demands", "lying on the side must declare 'side-lying'");
        }
    }

    private static Dose? ReadDose(Reader r, JsonElement e, string at)
    {
        if (!e.TryGetProperty("defaultDose", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            r.Error($"{at}.defaultDose", "is required");
            return null;
        }

        var p = $"{at}.defaultDose";
        var before = r.ErrorCount;
        var sets = r.Int(d, "sets", p, 1, 10);
        var reps = r.OptionalInt(d, "reps", p, 1, 50);
        var hold = r.OptionalInt(d, "holdSeconds", p, 1, 300);
        var rest = r.Int(d, "restSeconds", p, 0, 600);
        var perSide = r.Bool(d, "perSide", p);
        var band = r.OptionalEnum<Band>(d, "band", p);
        var days = r.Int(d, "daysPerWeek", p, 1, 7);
        return r.ErrorCount > before || sets is null || rest is null || perSide is null || days is null
            ? null
            : new Dose(sets.Value, reps, hold, rest.Value, perSide.Value, band, days.Value);
    }

    private static ProgressionLimits? ReadLimits(Reader r, JsonElement e, string at)
    {
        if (!e.TryGetProperty("progression", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            r.Error($"{at}.progression", "is required");
            return null;
        }

        var p = $"{at}.progression";
        var before = r.ErrorCount;
        var maxReps = r.OptionalInt(d, "maxReps", p, 1, 50);
        var maxSets = r.Int(d, "maxSets", p, 1, 10);
        var maxHold = r.OptionalInt(d, "maxHoldSeconds", p, 1, 300);
        var holdStep = r.OptionalInt(d, "holdStepSeconds", p, 1, 60);
        var maxBand = r.OptionalEnum<Band>(d, "maxBand", p);
        return r.ErrorCount > before || maxSets is null ? null : new ProgressionLimits(maxReps, maxSets.Value, maxHold, holdStep, maxBand);
    }

    /// <summary>Reads typed values out of JSON and records errors with the file and field.</summary>
    private sealed class Reader(string file, List<string> errors)
    {
        public int ErrorCount => errors.Count;

        public bool MovementRequired { get; init; }

        public void Error(string field, string message) => errors.Add($"{file}: {field}: {message}");

        private static string Field(string? at, string name) => at is null ? name : $"{at}.{name}";

        public string? String(JsonElement e, string name, string? at = null)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()))
            {
                return v.GetString();
            }

            Error(Field(at, name), "is required and must be non-empty text");
            return null;
        }

        public bool? Bool(JsonElement e, string name, string at)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return v.GetBoolean();
            }

            Error(Field(at, name), "is required and must be true or false");
            return null;
        }

        public int? Int(JsonElement e, string name, string at, int min, int max)
        {
            if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= min && i <= max)
            {
                return i;
            }

            Error(Field(at, name), $"is required and must be a whole number from {min} to {max}");
            return null;
        }

        public int? OptionalInt(JsonElement e, string name, string at, int min, int max)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return Int(e, name, at, min, max);
        }

        public T? Enum<T>(JsonElement e, string name, string? at = null) where T : struct, System.Enum
        {
            var text = e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (Vocab<T>.TryParse(text, out var value))
            {
                return value;
            }

            Error(Field(at, name), $"'{text}' is not one of: {string.Join(", ", Vocab<T>.Names)}");
            return null;
        }

        public T? OptionalEnum<T>(JsonElement e, string name, string at) where T : struct, System.Enum =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null : Enum<T>(e, name, at);

        public IReadOnlyList<T> EnumList<T>(JsonElement e, string name, string at, bool requireOne = false) where T : struct, System.Enum
        {
            var list = new List<T>();
            if (!e.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array)
            {
                Error(Field(at, name), "is required and must be an array");
                return list;
            }

            var i = 0;
            foreach (var item in arr.EnumerateArray())
            {
                var text = item.ValueKind == JsonValueKind.String ? item.GetString() : item.ToString();
                if (Vocab<T>.TryParse(text, out var value))
                {
                    if (list.Contains(value))
                    {
                        Error($"{Field(at, name)}[{i}]", $"'{text}' is listed twice");
                    }

                    list.Add(value);
                }
                else
                {
                    Error($"{Field(at, name)}[{i}]", $"'{text}' is not one of: {string.Join(", ", Vocab<T>.Names)}");
                }

                i++;
            }

            if (requireOne && list.Count == 0 && i == 0)
            {
                Error(Field(at, name), "needs at least one value");
            }

            return list;
        }

        public IReadOnlyList<string> StringList(JsonElement e, string name, string at, bool requireOne)
        {
            var list = new List<string>();
            if (!e.TryGetProperty(name, out var arr) || arr.ValueKind != JsonValueKind.Array)
            {
                Error(Field(at, name), "is required and must be an array of text");
                return list;
            }

            var i = 0;
            foreach (var item in arr.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(item.GetString()))
                {
                    list.Add(item.GetString()!);
                }
                else
                {
                    Error($"{Field(at, name)}[{i}]", "must be non-empty text");
                }

                i++;
            }

            if (requireOne && list.Count == 0 && i == 0)
            {
                Error(Field(at, name), "needs at least one entry");
            }

            return list;
        }
    }
}
