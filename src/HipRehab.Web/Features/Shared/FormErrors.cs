namespace HipRehab.Web.Features.Shared;

/// <summary>
/// A refused change's field errors, as a clinic page shows them: a summary above the form (each
/// linking to its field, <c>_FormErrors.cshtml</c>) and a message at the field itself.
/// </summary>
public sealed class FormErrors(string formId, IReadOnlyDictionary<string, string[]> errors, Func<string, string> anchorOf)
{
    public static FormErrors None(string formId) => new(formId, new Dictionary<string, string[]>(), f => f);

    public sealed record Item(string Field, string Anchor, string Message);

    public string FormId { get; } = formId;

    public IReadOnlyList<Item> Items { get; } = [.. errors.SelectMany(e => e.Value.Select(m => new Item(e.Key, anchorOf(Base(e.Key)), m)))];

    public int Count => Items.Count;

    /// <summary>The message for a field (<c>ruleIds</c> also collects <c>ruleIds[0]</c>…), or null.</summary>
    public string? For(string field)
    {
        var messages = Items.Where(i => Base(i.Field) == field).Select(i => i.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    // "ruleIds[2]" → "ruleIds", "dose.sets" → "sets".
    private static string Base(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? field : field[..bracket];
        return name.StartsWith("dose.", StringComparison.Ordinal) ? name["dose.".Length..] : name;
    }
}
