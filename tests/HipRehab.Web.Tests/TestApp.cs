using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HipRehab.Web.Tests;

/// <summary>A fresh app per test class instance, with a fixed clock so dates in tests are stable.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    /// <summary>"Today" for every test: 2026-11-26 08:30 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 30, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

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
