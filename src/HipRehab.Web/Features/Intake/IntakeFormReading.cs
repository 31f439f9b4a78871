using System.Globalization;
using System.Text.RegularExpressions;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Intake;

/// <summary>
/// Reads the intake's form fields (text from inputs, radios and checkboxes) and turns reading and
/// validation errors into plain messages per question. Shared by Try it and the intake wizard.
/// </summary>
public static partial class IntakeFormReading
{
    public static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static List<string> Present(List<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal)];

    public static int? ReadInt(string? text, string key, string message, Dictionary<string, string> errors)
    {
        if (Blank(text) is not { } t)
        {
            return null;
        }

        if (int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[key] = message;
        return null;
    }

    public static decimal? ReadDecimal(string? text, string key, string message, Dictionary<string, string> errors)
    {
        if (Blank(text) is not { } t)
        {
            return null;
        }

        // Many people write a decimal comma; accept it.
        if (decimal.TryParse(t.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[key] = message;
        return null;
    }

    public static DateOnly? ReadDate(string? text, string key, Dictionary<string, string> errors)
    {
        if (Blank(text) is not { } t)
        {
            return null;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[key] = "Enter the date of your surgery, like 2026-10-20 (year, month, day).";
        return null;
    }

    public static bool? ReadYesNo(string? text, string key, Dictionary<string, string> errors)
    {
        switch (Blank(text))
        {
            case null: return null;
            case "yes": return true;
            case "no": return false;
            default:
                errors[key] = "Choose yes or no.";
                return null;
        }
    }

    // The validator speaks to API clients ("Use one of: female, male, other"); a person choosing
    // from radio buttons needs to hear which question to answer instead.
    private static readonly Dictionary<string, string> s_requiredMessages = new(StringComparer.Ordinal)
    {
        ["sex"] = "Choose the answer that fits you best.",
        ["painSide"] = "Choose which hip hurts.",
        ["painLocation"] = "Choose where you feel the pain most.",
        ["cause"] = "Choose what you think started the pain. “I’m not sure” is fine.",
        ["surgery.kind"] = "Choose the kind of surgery you had.",
        ["pregnant"] = "Say whether you are pregnant. We ask because some exercises need a doctor’s okay in pregnancy.",
    };

    /// <summary>One error per question, in page order; anything else is linked to <paramref name="fallbackAnchor"/>.</summary>
    public static List<FieldError> CollectErrors(Dictionary<string, string> readErrors,
        IEnumerable<KeyValuePair<string, string[]>> validatorErrors, string fallbackAnchor)
    {
        var messages = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, message) in readErrors)
        {
            messages[key] = [message];
        }

        foreach (var (rawKey, list) in validatorErrors)
        {
            var key = IndexSuffix().Replace(rawKey, ""); // "redFlags[2]" belongs to the redFlags question
            if (readErrors.ContainsKey(key))
            {
                continue; // the reading error already says what is wrong, more precisely
            }

            if (!messages.TryGetValue(key, out var existing))
            {
                messages[key] = existing = [];
            }

            foreach (var message in list)
            {
                var shown = s_requiredMessages.TryGetValue(key, out var plain)
                    && (message.StartsWith("This answer is required", StringComparison.Ordinal) || key == "pregnant")
                    ? plain
                    : message;
                if (!existing.Contains(shown))
                {
                    existing.Add(shown);
                }
            }
        }

        var errors = new List<FieldError>();
        foreach (var (key, anchor, question) in IntakeQuestions.Questions)
        {
            if (messages.Remove(key, out var list))
            {
                errors.Add(new FieldError(key, anchor, question, string.Join(" ", list)));
            }
        }

        errors.AddRange(messages.Select(p => new FieldError(p.Key, fallbackAnchor, p.Key, string.Join(" ", p.Value))));
        return errors;
    }

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex IndexSuffix();
}
