using System.Collections.Concurrent;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Serializes the session logging of one person inside this process, so concurrent sends for the
/// same plan items wait in line instead of colliding on the items' revisions and retrying. Other
/// people are not held up. Across several nodes the database's revision check still decides.
/// </summary>
public sealed class PersonLocks
{
    private readonly ConcurrentDictionary<string, Entry> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> EnterAsync(string userId, CancellationToken ct)
    {
        Entry entry;
        while (true)
        {
            entry = _locks.GetOrAdd(userId, _ => new Entry());
            lock (entry)
            {
                if (!entry.Removed)
                {
                    entry.Users++;
                    break;
                }
            }
        }

        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(userId, entry, release: false);
            throw;
        }

        return new Releaser(() => Leave(userId, entry, release: true));
    }

    private void Leave(string userId, Entry entry, bool release)
    {
        if (release)
        {
            entry.Gate.Release();
        }

        lock (entry)
        {
            if (--entry.Users == 0)
            {
                // Nobody waits: drop it so the table holds only people logging right now.
                entry.Removed = true;
                _locks.TryRemove(new KeyValuePair<string, Entry>(userId, entry));
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
        public bool Removed { get; set; }
    }

    private sealed class Releaser(Action release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release();
            return ValueTask.CompletedTask;
        }
    }
}
