using HipRehab.Core.Library;
using HipRehab.Core.Planning;

namespace HipRehab.Core.Progression;

/// <summary>
/// Decides, for one plan item right after a logged session, whether to progress, hold, regress
/// or stop (PM1–PM9). It reads only a bounded recent window — the last
/// <see cref="SessionWindow"/> logs and the check-ins of the last <see cref="CheckInWindowDays"/>
/// days — so its cost does not grow with a person's history.
/// </summary>
public static class ProgressionEngine
{
    /// <summary>How many recent logs are read (PM6 needs 3 in a row).</summary>
    public const int SessionWindow = 3;

    /// <summary>How many days of check-ins are read (PM8 compares two 7-day weeks).</summary>
    public const int CheckInWindowDays = 14;

    /// <summary>Highest pain during exercise that counts as safe (PM1).</summary>
    public const int SafePainMax = 2;

    /// <summary>Highest pain during exercise that is still acceptable (PM1); above it is too much.</summary>
    public const int AcceptablePainMax = 5;

    /// <summary>Highest effort that counts as easy (PM4).</summary>
    public const int EasyEffortMax = 4;

    /// <summary>Sessions in a row that must be easy, pain-free and complete to step up (PM4).</summary>
    public const int SessionsToProgress = 2;

    /// <summary>Sessions in a row not settled by next morning that lead to a step back (PM4).</summary>
    public const int UnsettledToRegress = 2;

    /// <summary>Sessions in a row with the dose not completed that lead to a step back (PM6).</summary>
    public const int IncompleteToRegress = 3;

    /// <summary>Rise in the weekly average of usual pain that counts as rising (PM8).</summary>
    public const decimal WeeklyRiseThreshold = 1m;

    /// <summary>Decides what happens to an item after its latest session.</summary>
    /// <param name="library">The exercise library.</param>
    /// <param name="item">The item as it stands.</param>
    /// <param name="logsNewestFirst">This item's logs, newest first; the latest session is the first. Only the first <see cref="SessionWindow"/> are read.</param>
    /// <param name="checkInsNewestFirst">Check-ins, newest first; only those within <see cref="CheckInWindowDays"/> days of the latest session are read.</param>
    /// <param name="allows">Which variants are safe for the person (precautions, abilities, equipment).</param>
    public static ProgressionDecision Decide(ExerciseLibrary library, ItemState item, IReadOnlyList<ExerciseLog> logsNewestFirst,
        IReadOnlyList<CheckIn> checkInsNewestFirst, Func<ExerciseVariant, bool> allows) =>
        Decide(library, item, logsNewestFirst, checkInsNewestFirst, allows, check: null);

    /// <summary>
    /// Decides as above for a person's constraints, and when the ladder stops below a harder version
    /// those constraints rule out, says why with the rules that rule it out (e.g. THR-PF).
    /// </summary>
    public static ProgressionDecision Decide(ExerciseLibrary library, ItemState item, IReadOnlyList<ExerciseLog> logsNewestFirst,
        IReadOnlyList<CheckIn> checkInsNewestFirst, PersonConstraints constraints) =>
        Decide(library, item, logsNewestFirst, checkInsNewestFirst, constraints.Allows, constraints.Check);

    private static ProgressionDecision Decide(ExerciseLibrary library, ItemState item, IReadOnlyList<ExerciseLog> logsNewestFirst,
        IReadOnlyList<CheckIn> checkInsNewestFirst, Func<ExerciseVariant, bool> allows, Func<ExerciseVariant, IReadOnlyList<Reason>>? check)
    {
        var current = item.Current;
        if (logsNewestFirst.Count == 0)
        {
            return Hold(current, ["PM4"], "No session has been logged for this exercise yet, so it stays the same.");
        }

        var latest = logsNewestFirst[0];
        var logs = Window(logsNewestFirst);
        var checkIns = CheckInsSince(checkInsNewestFirst, latest.PerformedOn.AddDays(-CheckInWindowDays));

        if (item.Pinned)
        {
            return SetByTherapist(current, latest.PainDuring, ownExercise: false);
        }

        // PM1/PM4: pain above 5 stops the exercise for today and steps back once.
        if (latest.PainDuring > AcceptablePainMax)
        {
            var down = DoseLadder.Down(library, current, allows);
            var text = $"Your pain was {latest.PainDuring} out of 10 during this exercise, which is too much. Stop it for today. ";
            text += down is { } d
                ? $"Next time: {d.Change}, to give your hip a rest."
                : "This is already the easiest version. If it still hurts this much next time, skip it and talk to a physical therapist.";
            return new ProgressionDecision(ProgressionAction.Stop, ["PM1", "PM4", "PM6"], text, current, down?.Next ?? current);
        }

        // Logs at the current prescription: only these count toward a change, so every change
        // needs fresh evidence at the new dose (one change at a time, PM5).
        var atCurrent = logs.TakeWhile(l => l.Prescribed == current).ToList();
        var settled = logs.Select((_, i) => SettledAfter(i, logs, checkIns)).ToList();

        // PM2/PM4: not settled by the next morning after the two previous sessions → step back.
        if (settled.Count > UnsettledToRegress && settled.Skip(1).Take(UnsettledToRegress).All(s => s == false))
        {
            return Regress(library, current, allows, ["PM2", "PM4", "PM6"],
                "Your pain had not settled by the next morning after your last two sessions.");
        }

        // PM6: the full dose was not done in 3 sessions in a row at this dose → step back.
        if (atCurrent.Count >= IncompleteToRegress && atCurrent.Take(IncompleteToRegress).All(l => !l.CompletedDose))
        {
            return Regress(library, current, allows, ["PM6"],
                $"The full dose was hard to finish in your last {IncompleteToRegress} sessions.");
        }

        var holdReasons = new List<(string Rule, string Text)>();
        if (latest.PainDuring > SafePainMax)
        {
            holdReasons.Add(("PM1", $"your pain was {latest.PainDuring} out of 10, which is acceptable but not low enough to step up"));
        }

        if (settled.Count > 1 && settled[1] == false)
        {
            holdReasons.Add(("PM2", "your pain had not settled by the morning after your previous session"));
        }

        if (WeeklyPainRising(checkIns, latest.PerformedOn))
        {
            holdReasons.Add(("PM8", "your usual pain has been higher this week than last week"));
        }

        var recent = atCurrent.Take(SessionsToProgress).ToList();
        if (recent.Count < SessionsToProgress)
        {
            holdReasons.Add(("PM4", $"we need {SessionsToProgress} sessions at this dose before changing it"));
        }
        else
        {
            if (recent.Any(l => l.PainDuring > SafePainMax) && latest.PainDuring <= SafePainMax)
            {
                holdReasons.Add(("PM1", "the session before this one was not pain-free enough"));
            }

            if (recent.Any(l => l.Effort > EasyEffortMax))
            {
                holdReasons.Add(("PM4", "it did not feel easy yet (effort above 4 out of 10)"));
            }

            if (recent.Any(l => !l.CompletedDose))
            {
                holdReasons.Add(("PM4", "the full dose was not done every time"));
            }
        }

        if (holdReasons.Count > 0)
        {
            var rules = holdReasons.Select(r => r.Rule).Prepend("PM4").Distinct().ToList();
            return Hold(current, rules, $"Next time: the same as today, because {JoinPlain(holdReasons.Select(r => r.Text))}.");
        }

        var up = DoseLadder.Up(library, current, allows);
        if (up is null)
        {
            // The ladder may stop below a harder version the person's constraints rule out: name it and why.
            if (check is not null && DoseLadder.NextVariant(library, current) is { } next && check(next) is { Count: > 0 } reasons)
            {
                var why = reasons.Where(r => r.RuleId != "THR-D").DistinctBy(r => r.RuleId).ToList();
                return Hold(current, ["PM4", "PM5", .. why.Select(r => r.RuleId)],
                    $"Well done: your last two sessions were pain-free and felt easy. This is the hardest version that suits you: the next one, {next.Name}, is left out because {JoinPlain(why.Select(r => r.Text))}. Keep it up at this dose.");
            }

            return Hold(current, ["PM4", "PM5"],
                "Well done: your last two sessions were pain-free and felt easy. This is already the hardest version that suits you, so keep it up at this dose.");
        }

        return new ProgressionDecision(ProgressionAction.Progress, ["PM1", "PM4", "PM5"],
            $"Next time: {up.Value.Change}, because your last two sessions were pain-free, felt easy, were done in full, and any soreness settled by the next morning.",
            current, up.Value.Next);
    }

    /// <summary>
    /// Decides for a plan item right after a session was logged for it: the decision the person reads
    /// with their session. A clinic's own exercise whose ladder is not in <paramref name="library"/>
    /// is left to the therapist, like a pinned dose (PL3); a session entered for a time before the
    /// item's newest logged session (a paper record typed in later) counts in the history but moves
    /// nothing (PM4), since the decision belongs to the newest session; otherwise
    /// <see cref="Decide(ExerciseLibrary, ItemState, IReadOnlyList{ExerciseLog}, IReadOnlyList{CheckIn}, PersonConstraints)"/>
    /// decides from this session and the ones before it.
    /// </summary>
    /// <param name="library">The library (with the person's clinic's own exercises, when they have some).</param>
    /// <param name="item">The item as it stands.</param>
    /// <param name="session">This item's log in the session just logged.</param>
    /// <param name="enteredForEarlier">True when the session is stamped before the newest session already logged for the item.</param>
    /// <param name="earlierNewestFirst">The item's logs before this one, newest first; only the first <see cref="SessionWindow"/> − 1 are read.</param>
    /// <param name="checkInsNewestFirst">Check-ins, newest first.</param>
    /// <param name="constraints">What is safe for the person.</param>
    public static ProgressionDecision DecideAfterSession(ExerciseLibrary library, ItemState item, ExerciseLog session, bool enteredForEarlier,
        IReadOnlyList<ExerciseLog> earlierNewestFirst, IReadOnlyList<CheckIn> checkInsNewestFirst, PersonConstraints constraints)
    {
        if (library.FindVariant(item.Current.ExerciseId) is null)
        {
            return SetByTherapist(item.Current, session.PainDuring, ownExercise: true);
        }

        if (enteredForEarlier)
        {
            return Hold(item.Current, ["PM4"], "This session was entered for an earlier date. It counts in your history, and your dose stays the same.");
        }

        var logs = new List<ExerciseLog>(SessionWindow) { session };
        for (var i = 0; i < earlierNewestFirst.Count && logs.Count < SessionWindow; i++)
        {
            logs.Add(earlierNewestFirst[i]);
        }

        return Decide(library, item, logs, checkInsNewestFirst, constraints);
    }

    /// <summary>
    /// A dose or exercise the therapist set is not changed automatically (PL3); pain above 5 still
    /// stops it for today (PM1, PM4), and the person is asked to tell the therapist.
    /// </summary>
    private static ProgressionDecision SetByTherapist(Prescription current, int painDuring, bool ownExercise)
    {
        if (painDuring > AcceptablePainMax)
        {
            var tooMuch = $"Your pain was {painDuring} out of 10, which is too much: stop this exercise for today. " + (ownExercise
                ? "Your therapist set this exercise, so please tell them about the pain."
                : "Your therapist set this dose, so it is not changed automatically. Please tell your therapist about the pain.");
            return new ProgressionDecision(ProgressionAction.Stop, ["PL3", "PM1", "PM4"], tooMuch, current, current);
        }

        return Hold(current, ["PL3"], ownExercise
            ? "Your therapist set this exercise, so it stays the same until they change it."
            : "Your therapist set this dose, so it stays the same until they change it.");
    }

    private static ProgressionDecision Hold(Prescription current, IReadOnlyList<string> rules, string text) =>
        new(ProgressionAction.Hold, rules, text, current, current);

    private static ProgressionDecision Regress(ExerciseLibrary library, Prescription current, Func<ExerciseVariant, bool> allows,
        IReadOnlyList<string> rules, string why)
    {
        var down = DoseLadder.Down(library, current, allows);
        return down is { } d
            ? new ProgressionDecision(ProgressionAction.Regress, rules, $"Next time: {d.Change}. {why} A lighter dose for a while helps it settle.", current, d.Next)
            : Hold(current, rules, $"{why} This is already the easiest version, so it stays the same. If this keeps happening, please talk to a physical therapist.");
    }

    private static List<ExerciseLog> Window(IReadOnlyList<ExerciseLog> logs)
    {
        var n = Math.Min(logs.Count, SessionWindow);
        var list = new List<ExerciseLog>(n);
        for (var i = 0; i < n; i++)
        {
            list.Add(logs[i]);
        }

        return list;
    }

    private static List<CheckIn> CheckInsSince(IReadOnlyList<CheckIn> checkIns, DateOnly from)
    {
        var list = new List<CheckIn>();
        // Newest first: stop at the first one older than the window. A bounded cap guards
        // against a caller passing an unbounded, unsorted list.
        for (var i = 0; i < checkIns.Count && i < CheckInWindowDays * 4; i++)
        {
            if (checkIns[i].Date < from)
            {
                break;
            }

            list.Add(checkIns[i]);
        }

        return list;
    }

    /// <summary>
    /// Did pain settle after the session at <paramref name="index"/> (newest first)? Answered by the
    /// first check-in dated after that session's day and no later than the following session's day.
    /// The following session is the next entry in log order, not the next date, so two sessions on
    /// one day share no check-in. Null when there is no such check-in: a missing answer neither
    /// blocks progress nor counts toward a step back.
    /// </summary>
    private static bool? SettledAfter(int index, List<ExerciseLog> logsNewestFirst, List<CheckIn> checkIns)
    {
        var log = logsNewestFirst[index];
        DateOnly? nextSession = index > 0 ? logsNewestFirst[index - 1].PerformedOn : null;
        CheckIn? first = null;
        foreach (var c in checkIns)
        {
            if (c.Date > log.PerformedOn && (nextSession is null || c.Date <= nextSession) && (first is null || c.Date < first.Date))
            {
                first = c;
            }
        }

        return first?.SettledSinceLastSession;
    }

    private static bool WeeklyPainRising(List<CheckIn> checkIns, DateOnly asOf)
    {
        var thisWeek = checkIns.Where(c => c.Date > asOf.AddDays(-7) && c.Date <= asOf).ToList();
        var lastWeek = checkIns.Where(c => c.Date > asOf.AddDays(-14) && c.Date <= asOf.AddDays(-7)).ToList();
        if (thisWeek.Count == 0 || lastWeek.Count == 0)
        {
            return false;
        }

        // Averaged in decimal: a double average converted to decimal can fall just short of a rise of
        // exactly the threshold (26/3 − 23/3 came out as 0.99999999999999), and then progress.
        return thisWeek.Average(c => (decimal)c.UsualPain) - lastWeek.Average(c => (decimal)c.UsualPain) >= WeeklyRiseThreshold;
    }

    private static string JoinPlain(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count switch
        {
            0 => "",
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }
}
