namespace HipRehab.Web.Infrastructure;

/// <summary>
/// Version 7 GUIDs that never go backwards within this process. <see cref="Guid.CreateVersion7()"/> is
/// random within a millisecond, and history is read newest first by time and then by id, so records
/// written in the same millisecond (a batch of sessions) must still sort in the order they were made.
/// </summary>
public static class OrderedIds
{
    private static readonly Lock s_gate = new();
    private static Guid s_last;

    public static Guid Next()
    {
        var id = Guid.CreateVersion7();
        lock (s_gate)
        {
            if (id.CompareTo(s_last) <= 0)
            {
                id = After(s_last);
            }

            s_last = id;
            return id;
        }
    }

    /// <summary>The next id after <paramref name="id"/>: its last 7 random bytes counted up by one.</summary>
    internal static Guid After(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        for (var i = 15; i >= 9; i--)
        {
            if (++bytes[i] != 0)
            {
                break;
            }
        }

        return new Guid(bytes, bigEndian: true);
    }
}
