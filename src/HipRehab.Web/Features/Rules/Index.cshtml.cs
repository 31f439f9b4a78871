using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using CoreRule = HipRehab.Core.Rules.Rule;
using Catalogue = HipRehab.Core.Rules.RuleCatalogue;

namespace HipRehab.Web.Features.Rules;

/// <summary>A group of rules on the page, in catalogue order.</summary>
public sealed record RuleSection(string Id, string Title, string Intro, IReadOnlyList<CoreRule> Rules);

/// <summary>The whole rule catalogue, grouped by section, each rule with its sources and confidence.</summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
public sealed class IndexModel : PageModel
{
    // Prefixes follow docs/clinical-rules.md; a rule with a prefix not listed here still shows, under "Other rules".
    private static readonly (string Id, string Title, string Intro, Func<string, bool> Matches)[] s_sections =
    [
        ("red-flags", "Red flags", "Warning signs that mean a doctor should check you before any exercise.", id => Is(id, "RF")),
        ("precautions", "Precautions", "Movements left out after a hip replacement, or because of your condition, abilities or equipment.", id => id.StartsWith("THR-", StringComparison.Ordinal) || Is(id, "CX")),
        ("dosing", "Dosing", "How much and how often to exercise.", id => Is(id, "D")),
        ("pain-and-progression", "Pain and progression", "How pain guides when to do more, stay the same or ease off.", id => Is(id, "PM")),
        ("outcomes", "Outcome measures", "Simple tests that show whether things are getting better.", id => Is(id, "OM")),
        ("escalation", "Escalation", "When HipRehab suggests you see a clinician.", id => Is(id, "E")),
        ("lifestyle", "Lifestyle", "Weight, rest and everyday activity.", id => Is(id, "L")),
        ("product-defaults", "Product defaults", "Choices HipRehab makes itself, shown so a clinician can review them.", id => Is(id, "PL")),
    ];

    public IReadOnlyList<RuleSection> Sections { get; private set; } = [];

    public int RuleCount { get; private set; }

    public void OnGet()
    {
        var all = Catalogue.All;
        RuleCount = all.Count;
        var sections = s_sections
            .Select(s => new RuleSection(s.Id, s.Title, s.Intro, [.. all.Where(r => s.Matches(r.Id))]))
            .Where(s => s.Rules.Count > 0)
            .ToList();
        var other = all.Where(r => !s_sections.Any(s => s.Matches(r.Id))).ToList();
        if (other.Count > 0)
        {
            sections.Add(new RuleSection("other", "Other rules", "Rules that do not fit the groups above.", other));
        }

        Sections = sections;
    }

    /// <summary>True when the ID is the prefix followed only by digits (so "D" does not match "DX1").</summary>
    private static bool Is(string id, string prefix) =>
        id.Length > prefix.Length && id.StartsWith(prefix, StringComparison.Ordinal) && id[prefix.Length..].All(char.IsAsciiDigit);
}
