namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Group commit for logged sessions. A durable commit waits for the disk (2–3 ms on the benchmark
/// machine), so committing each session alone caps logging at a few hundred sessions a second. The
/// writer queues sessions per lane; one writer per lane takes everything waiting, writes each session
/// in turn inside one transaction (each with its own savepoint) and commits once; every caller is
/// answered only after that commit, so an answered session is on disk.
/// <para>
/// A person always maps to the same lane, so one person's sessions are written one after another, in
/// arrival order, each seeing the ones before it. SQLite has a single writer, so it gets one lane;
/// PostgreSQL gets several, so different people commit in parallel. Across several nodes the unique
/// idempotency key and the items' revision check still decide, as before.
/// </para>
/// </summary>
public sealed class SessionWriter(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SessionWriter> logger)
{
    /// <summary>The most sessions written in one transaction.</summary>
    public const int MaxBatch = 64;

    public sealed class Job(string userId, string key, string hash, SessionRequest request)
    {
        public string UserId { get; } = userId;
        public string Key { get; } = key;
        public string Hash { get; } = hash;
        public SessionRequest Request { get; } = request;

        internal TaskCompletionSource<SessionService.Result> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal CancellationToken Cancelled { get; set; }
    }

    private readonly Lane[] _lanes = CreateLanes(configuration);

    private static Lane[] CreateLanes(IConfiguration configuration)
    {
        var postgres = string.Equals(configuration["Database:Provider"], "PostgreSQL", StringComparison.OrdinalIgnoreCase);
        var count = postgres ? Math.Clamp(Environment.ProcessorCount * 2, 2, 16) : 1;
        return [.. Enumerable.Range(0, count).Select(_ => new Lane())];
    }

    /// <summary>Queues a session and waits until it is committed (or found to be a duplicate, invalid or paused).</summary>
    public Task<SessionService.Result> SubmitAsync(Job job, CancellationToken ct)
    {
        job.Cancelled = ct;
        var lane = _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(job.UserId) % (uint)_lanes.Length)];
        var start = false;
        lock (lane)
        {
            lane.Queue.Enqueue(job);
            if (!lane.Running)
            {
                lane.Running = true;
                start = true;
            }
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(lane), CancellationToken.None);
        }

        // Once taken into a batch a session is written even if the caller leaves; a retry with the
        // same key then gets the stored answer.
        return job.Done.Task.WaitAsync(ct);
    }

    private async Task DrainAsync(Lane lane)
    {
        while (true)
        {
            var batch = new List<Job>();
            lock (lane)
            {
                while (batch.Count < MaxBatch && lane.Queue.TryDequeue(out var job))
                {
                    if (job.Cancelled.IsCancellationRequested)
                    {
                        job.Done.TrySetCanceled(job.Cancelled);
                    }
                    else
                    {
                        batch.Add(job);
                    }
                }

                if (batch.Count == 0)
                {
                    lane.Running = false;
                    return;
                }
            }

            await WriteAsync(batch);
        }
    }

    /// <summary>
    /// Writes a batch in one transaction. If anything goes wrong for the batch as a whole (the commit
    /// fails, or one session throws), nothing of it is kept and each session is written again alone,
    /// so one bad session cannot take the others down with it.
    /// </summary>
    private async Task WriteAsync(List<Job> batch)
    {
        try
        {
            var results = await WriteTogetherAsync(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            logger.LogWarning(ex, "A batch of {Count} sessions failed; writing them one at a time", batch.Count);
            foreach (var job in batch)
            {
                await WriteAsync([job]);
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A session could not be written");
            batch[0].Done.TrySetException(ex);
        }
    }

    private async Task<SessionService.Result[]> WriteTogetherAsync(List<Job> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionService>();
        await using var tx = await sessions.Db.Database.BeginTransactionAsync();
        var results = new SessionService.Result[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = await sessions.WriteInBatchAsync(batch[i]);
        }

        await tx.CommitAsync();
        return results;
    }

    private sealed class Lane
    {
        public Queue<Job> Queue { get; } = new();
        public bool Running { get; set; }
    }
}
