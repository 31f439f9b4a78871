namespace HipRehab.Web.Infrastructure;

/// <summary>
/// Parsed copies of small JSON texts stored in the database (a plan item's days and reasons).
/// These texts repeat across people and rarely change, so reading them once per distinct text keeps
/// hot reads such as Today cheap. Values are shared: callers must not change them. The cache is
/// cleared when it grows past a bound, so memory stays small whatever the data.
/// </summary>
public static class JsonTextCache
{
    private static readonly BoundedCache<(Type, string), object> s_cache = new(20_000);

    public static T Read<T>(string json) where T : class => (T)s_cache.GetOrAdd((typeof(T), json), key => StoredJson.Read<T>(key.Item2));
}
