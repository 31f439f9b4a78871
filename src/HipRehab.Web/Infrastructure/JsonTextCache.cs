using System.Collections.Concurrent;

namespace HipRehab.Web.Infrastructure;

/// <summary>
/// Parsed copies of small JSON texts stored in the database (a plan item's days and reasons).
/// These texts repeat across people and rarely change, so reading them once per distinct text keeps
/// hot reads such as Today cheap. Values are shared: callers must not change them. The cache is
/// cleared when it grows past a bound, so memory stays small whatever the data.
/// </summary>
public static class JsonTextCache
{
    private const int MaxEntries = 20_000;
    private static readonly ConcurrentDictionary<(Type, string), object> s_cache = new();

    public static T Read<T>(string json) where T : class
    {
        if (s_cache.TryGetValue((typeof(T), json), out var hit))
        {
            return (T)hit;
        }

        if (s_cache.Count >= MaxEntries)
        {
            s_cache.Clear();
        }

        var value = StoredJson.Read<T>(json);
        s_cache[(typeof(T), json)] = value;
        return value;
    }
}
