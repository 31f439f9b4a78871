namespace HipRehab.Web.Tests;

/// <summary>Intake bodies for tests, built as JSON-ready objects.</summary>
public static class Intakes
{
    public static Dictionary<string, object?> Typical() => new()
    {
        ["birthYear"] = 1958,
        ["sex"] = "female",
        ["heightCm"] = 165,
        ["weightKg"] = 80,
        ["painSide"] = "left",
        ["painLocation"] = "groin",
        ["cause"] = "osteoarthritis",
        ["painNow"] = 4,
        ["painWorstLastWeek"] = 6,
        ["symptomWeeks"] = 26,
        ["surgery"] = null,
        ["redFlags"] = Array.Empty<string>(),
        ["pregnant"] = false,
        ["osteoporosis"] = false,
        ["abilities"] = new Dictionary<string, object?> { ["getDownToFloor"] = true, ["kneel"] = true, ["standWithoutSupport"] = true },
        ["equipment"] = new[] { "chair", "wall", "resistance-band", "anchor-point", "strap", "step", "ankle-weight", "bed" },
        ["goals"] = new[] { "walking", "stairs" },
    };

    public static Dictionary<string, object?> With(string key, object? value)
    {
        var d = Typical();
        d[key] = value;
        return d;
    }
}
