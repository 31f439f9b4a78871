using System.Reflection;
using NetArchTest.Rules;

namespace HipRehab.Web.Tests;

/// <summary>
/// The folders of the web host depend on each other in one direction only (docs/architecture.md):
/// Shared and Data below every feature, and no two feature folders that need each other, directly
/// or around a longer loop. A feature's types are those of its namespace, plus its Razor views
/// (compiled as <c>AspNetCoreGeneratedDocument.Features_{Folder}_…</c>).
/// </summary>
public sealed class FeatureDependencyTests
{
    private static readonly Assembly s_web = typeof(HipRehab.Web.Data.AppDb).Assembly;
    private const string Features = "HipRehab.Web.Features";

    /// <summary>The feature folders, from the namespaces of the host's own types.</summary>
    private static readonly string[] s_features = [.. s_web.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith(Features + ".", StringComparison.Ordinal))
        .Select(n => n!.Split('.')[3])
        .Distinct().Order(StringComparer.Ordinal)];

    private static PredicateList TypesOf(string feature) =>
        Types.InAssembly(s_web).That().ResideInNamespace($"{Features}.{feature}")
            .Or().HaveNameStartingWith($"Features_{feature}_");

    private static bool DependsOn(string from, string to) =>
        !TypesOf(from).ShouldNot().HaveDependencyOn($"{Features}.{to}").GetResult().IsSuccessful;

    /// <summary>Every dependency between feature folders, as "from → to".</summary>
    internal static Dictionary<string, List<string>> Graph() => s_features.ToDictionary(f => f,
        f => s_features.Where(g => g != f && DependsOn(f, g)).ToList(), StringComparer.Ordinal);

    [Fact]
    public void TheFeatureFoldersAreThoseOfTheDocumentedLayout()
    {
        Assert.Contains("Shared", s_features);
        Assert.Contains("Today", s_features);
        Assert.DoesNotContain("Me", s_features);
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        Assert.All(s_features, f => Assert.Contains($"`{f}/`", doc, StringComparison.Ordinal));
    }

    [Fact]
    public void SharedDependsOnNoFeature()
    {
        Assert.Empty(Graph()["Shared"]);
    }

    [Fact]
    public void NoTwoFeatureFolders_DependOnEachOther_DirectlyOrAroundALoop()
    {
        var graph = Graph();
        var twoWay = graph.SelectMany(p => p.Value.Where(to => string.CompareOrdinal(p.Key, to) < 0 && graph[to].Contains(p.Key)).Select(to => $"{p.Key} ↔ {to}")).ToList();
        Assert.True(twoWay.Count == 0, $"Feature folders that import each other: {string.Join(", ", twoWay)}");
        var loop = FindLoop(graph);
        Assert.True(loop is null, $"A loop between feature folders: {string.Join(" → ", loop ?? [])}");
    }

    [Fact]
    public void TheLoopFinder_FindsALoop_WhenThereIsOne()
    {
        var graph = new Dictionary<string, List<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A", "B", "C", "A"], FindLoop(graph));
        graph["C"] = [];
        Assert.Null(FindLoop(graph));
    }

    /// <summary>A loop in the graph, as the folders around it (first and last the same), or null.</summary>
    internal static List<string>? FindLoop(Dictionary<string, List<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } loop)
            {
                return loop;
            }
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HipRehab.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (HipRehab.slnx) was not found above the test folder.");
    }
}
