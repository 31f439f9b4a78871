using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Sessions;

/// <summary>
/// Group commit for logged sessions. A durable commit waits for the disk (2–3 ms on the benchmark
/// machine), so committing each session alone caps logging at a few hundred sessions a second. The
/// writer queues sessions per lane; one writer per lane takes everything waiting, decides each session
/// in turn (<see cref="SessionService.WriteBatchAsync"/>) and saves them all with one SaveChanges — one
/// transaction, one commit; every caller is answered only after that commit, so an answered session
/// is on disk.
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

            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Writing a batch of {Count} sessions", batch.Count);
            }

            await WriteAsync(batch);
        }
    }

    /// <summary>
    /// Writes a batch with one commit. When the save fails because another node changed the same
    /// items or stored the same key first, the batch is decided again from fresh data; if it still
    /// fails, each session is written alone, so one bad session cannot take the others down with it.
    /// Nothing of a failed attempt is kept.
    /// </summary>
    private async Task WriteAsync(List<Job> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var results = await scope.ServiceProvider.GetRequiredService<SessionService>().WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }

                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException && attempt < 3)
            {
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                logger.LogWarning(ex, "A batch of {Count} sessions failed; writing them one at a time", batch.Count);
                foreach (var job in batch)
                {
                    await WriteAsync([job]);
                }

                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A session could not be written");
                batch[0].Done.TrySetException(ex);
                return;
            }
        }
    }

    private sealed class Lane
    {
        public Queue<Job> Queue { get; } = new();
        public bool Running { get; set; }
    }
}
