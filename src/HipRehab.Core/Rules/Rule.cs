using System.Text.Json.Serialization;

namespace HipRehab.Core.Rules;

/// <summary>How well a rule is supported (docs/clinical-rules.md): confirmed, secondary source, or an unconfirmed default.</summary>
public enum Confidence
{
    /// <summary>Confirmed in a primary or official source.</summary>
    [JsonStringEnumMemberName("C")] C,

    /// <summary>Seen only in a secondary summary.</summary>
    [JsonStringEnumMemberName("S")] S,

    /// <summary>An engineering default that needs clinical review.</summary>
    [JsonStringEnumMemberName("U")] U,
}

/// <summary>One clinical or product rule: the unit every decision cites.</summary>
/// <param name="Id">Stable ID such as <c>PM4</c>; shown to people next to each decision.</param>
/// <param name="Title">A short name.</param>
/// <param name="Text">The rule in plain words, with its threshold.</param>
/// <param name="Confidence">How well the rule is supported.</param>
/// <param name="Sources">Where the rule comes from.</param>
public sealed record Rule(string Id, string Title, string Text, Confidence Confidence, IReadOnlyList<string> Sources);
