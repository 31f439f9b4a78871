using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Exercises;

namespace HipRehab.Web.Features.Today;

/// <summary>
/// Today is the app's hottest read: two index-backed reads (<see cref="ITodayQuery"/>: the day's sessions,
/// at most <see cref="MaxCompletedSessions"/>; the current plan with its items) and no history, so its
/// cost does not grow with the number of sessions a person has logged.
/// </summary>
public sealed class TodayService(ITodayQuery query, ExerciseLibrary library, TimeProvider clock, IServiceProvider services)
{
    /// <summary>At most this many of a day's sessions are listed, the newest ones (in time order).</summary>
    public const int MaxCompletedSessions = 50;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<TodayResponse> ForAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var rows = await query.ReadAsync(userId, date, ct);
        if (rows.PlanId is null || rows.Paused)
        {
            return new TodayResponse(date, [], rows.Done, rows.Paused, rows.PausedReason, false);
        }

        if (rows.HighestPain is int pain && pain >= Screener.VeryHighPain)
        {
            return new TodayResponse(date, [], rows.Done, false, null, false, RestToday: true, RestAdvice: RestAdvice(pain));
        }

        var due = new List<PlanItemResponse>();
        var anyStrength = false;
        Core.Library.ExerciseLibrary? personLibrary = null;
        foreach (var item in rows.Items)
        {
            // A clinic's own exercise is not in the shared library: read the person's clinic library (rare).
            var response = PlanMapping.ToResponse(item, library.FindVariant(item.ExerciseId) is null
                ? personLibrary ??= await ClinicLibrary.ForPersonAsync(services.GetRequiredService<AppDb>(), library, userId, ct)
                : library, []);
            anyStrength |= response.Category == Core.Category.Strengthening;
            if (response.Days.Contains(date.DayOfWeek))
            {
                due.Add(response);
            }
        }

        var strengthToday = due.Any(i => i.Category == Core.Category.Strengthening);
        return new TodayResponse(date, due, rows.Done, false, null, anyStrength && !strengthToday);
    }


    /// <summary>E5's advice for a day with a rating of 8 or more.</summary>
    public static Reason RestAdvice(int pain) => new("E5",
        $"You rated your pain {pain} out of 10 today, so please do not exercise today. Rest and use what usually eases your pain. "
        + "Start again on the next day your pain is lower. If it is still this high at your next morning check-in, please see a physical therapist or doctor in the next few days.");
}
