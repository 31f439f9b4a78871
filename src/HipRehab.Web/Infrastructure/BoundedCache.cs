using System.Collections.Concurrent;

namespace HipRehab.Web.Infrastructure;

/// <summary>
/// The app's one in-memory cache: values computed from stored data that never change for their key
/// (a key holds everything the value depends on, so nothing needs invalidating), bounded by a count.
/// When it is full it starts again, which keeps memory small whatever the data and costs one
/// recomputation per key; safe for concurrent use.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int maxEntries, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);

    /// <summary>The most entries kept.</summary>
    public int MaxEntries => maxEntries;

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    /// <summary>Keeps <paramref name="value"/> under <paramref name="key"/>, starting again first when full.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = value;
    }

    /// <summary>The kept value, or <paramref name="make"/>'s, kept from now on.</summary>
    public TValue GetOrAdd(TKey key, Func<TKey, TValue> make)
    {
        if (_entries.TryGetValue(key, out var hit))
        {
            return hit;
        }

        var value = make(key);
        Set(key, value);
        return value;
    }

    /// <summary>Lookups by another form of the key (e.g. a span of bytes for byte-array keys), without making a key.</summary>
    public ConcurrentDictionary<TKey, TValue>.AlternateLookup<TAlternate> AlternateLookup<TAlternate>() where TAlternate : notnull, allows ref struct =>
        _entries.GetAlternateLookup<TAlternate>();
}
