
namespace HipRehab.Web.Features.Shared;

/// <summary>
/// A radio group or checkbox list, drawn by <c>_Choices.cshtml</c>: a fieldset with its legend,
/// hint and error. Input ids are <c>{IdPrefix}-{value}</c>, the error is <c>{IdPrefix}-error</c>.
/// </summary>
public sealed record ChoiceField(string Name, string IdPrefix, string Legend, IReadOnlyList<Choice> Choices, IReadOnlyCollection<string> Selected)
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    public bool Multiple { get; init; }

    /// <summary>Layout modifier: <c>scale</c> (0–10) or <c>inline</c> (yes/no).</summary>
    public string? ExtraClass { get; init; }
}

/// <summary>A text, number or date input (or a text area), drawn by <c>_TextField.cshtml</c> with its label, hint and error.</summary>
public sealed record TextField(string Name, string Id, string Label, string? Value)
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    public string InputMode { get; init; } = "text";

    public string Type { get; init; } = "text";

    public string Autocomplete { get; init; } = "off";

    public string? Suffix { get; init; }

    public string? ExtraClass { get; init; }

    public bool Multiline { get; init; }
}

/// <summary>One option of a radio group or checkbox list: the public value and the words people read.</summary>
public sealed record Choice(string Value, string Label, string? Hint = null);

/// <summary>A problem with one answer, ready to show next to its field and in the summary.</summary>
/// <param name="Key">The intake field path, as the validator names it (e.g. <c>surgery.date</c>).</param>
/// <param name="Anchor">The id of the input the summary links to.</param>
/// <param name="Question">A short name for the question, for the summary.</param>
/// <param name="Message">What to fix.</param>
public sealed record FieldError(string Key, string Anchor, string Question, string Message);
