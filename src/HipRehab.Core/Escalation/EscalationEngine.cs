using System.Globalization;
using HipRehab.Core.Assessment;
using HipRehab.Core.Outcomes;
using HipRehab.Core.Supervision;

namespace HipRehab.Core.Escalation;

/// <summary>
/// "If hip pain persists or worsens, consult a healthcare professional": the escalation rules
/// E1–E6 of docs/clinical-rules.md §6 as one pure function over a person's dated records. The caller runs
/// it after every record (session, check-in, outcome), stores what it returns as alerts and passes
/// the alerts back in next time; a rule does not fire again while its alert is unresolved, nor
/// (for rules about a lasting state) within its own window after it was raised, so each problem
/// is raised once. Trends use the records' own dates, so back-entered records count where they belong.
/// </summary>
public static class EscalationEngine
{
    /// <summary>E2: the rise in the 7-day average of usual pain over the baseline that counts as worse.</summary>
    public const int WorseningPoints = 2;

    /// <summary>E2: how many days the 7-day average must stay that high.</summary>
    public const int WorseningDays = 7;

    /// <summary>E2: sessions in a row after which pain had not settled by the next morning (PM2).</summary>
    public const int UnsettledSessions = 3;

    /// <summary>E3: weeks of the program before persisting pain is judged.</summary>
    public const int PersistingWeeks = 12;

    /// <summary>E3: the least adherence, in percent, over those weeks.</summary>
    public const int PersistingAdherencePercent = 50;

    /// <summary>E3: usual pain must improve by at least this many points …</summary>
    public const int PersistingPainPoints = 2;

    /// <summary>E3: … or at least this percent of the baseline.</summary>
    public const int PersistingPainPercent = 30;

    /// <summary>E3: the PSFS (when measured) must improve by at least this many points.</summary>
    public const decimal PersistingPsfsPoints = 2m;

    /// <summary>E4: the review window opens after this many weeks …</summary>
    public const int ReviewFromWeek = 6;

    /// <summary>E4: … and closes after this many.</summary>
    public const int ReviewToWeek = 8;

    /// <summary>E5: a single rating of this or more (the intake's screening uses the same threshold).</summary>
    public const int VeryHighPain = Screener.VeryHighPain;

    /// <summary>Evaluates every rule and returns the alerts to raise, strongest first.</summary>
    public static IReadOnlyList<EscalationAlert> Evaluate(EscalationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var checkIns = input.CheckIns.Where(c => c.Date <= input.AsOf).OrderBy(c => c.Date).ToList();
        var sessions = input.Sessions.Where(s => s.Date <= input.AsOf).OrderBy(s => s.Date).ToList();
        var trend = new PainTrend(checkIns.Select(c => (c.Date, c.UsualPain)), input.AsOf);

        var alerts = new List<EscalationAlert>();
        void Consider(EscalationAlert? alert, DateOnly? raisedSince)
        {
            if (alert is not null && !Suppressed(input.Alerts, alert.RuleId, alert.Severity, raisedSince))
            {
                alerts.Add(alert);
            }
        }

        var (redFlag, redFlagDay) = RedFlags(checkIns);
        Consider(redFlag, redFlagDay);
        Consider(Worsening(trend, checkIns, sessions, input.AsOf), input.AsOf.AddDays(-(WorseningDays - 1)));
        Consider(Persisting(input, trend, sessions), input.AsOf.AddDays(-(PersistingWeeks * 7 - 1)));
        Consider(Review(input), input.PlanStart);
        var (veryHigh, veryHighDay) = VeryHigh(checkIns, sessions, input.IntakeRatings.Where(r => r.Date <= input.AsOf));
        Consider(veryHigh, veryHighDay);
        Consider(LowAdherence(input, sessions), input.AsOf.AddDays(-(Adherence.LowAdherenceWindowDays - 1)));

        return [.. alerts.OrderByDescending(a => a.Severity)];
    }

    /// <summary>
    /// An alert is not raised again while one for the same rule at the same or a higher severity
    /// is unresolved, or was raised on or after <paramref name="raisedSince"/> (the event it is
    /// about, or the start of the rule's own window). A higher severity still goes through, so the
    /// caller can raise the open alert's severity (E5 persisting).
    /// </summary>
    private static bool Suppressed(IReadOnlyList<PastAlert> past, string ruleId, AlertSeverity severity, DateOnly? raisedSince) =>
        past.Any(a => a.RuleId == ruleId && a.Severity >= severity
            && (!a.Resolved || (raisedSince is DateOnly since && a.RaisedOn >= since)));

    // E1: the red flags of the newest check-in day that has any.
    private static (EscalationAlert?, DateOnly?) RedFlags(List<PainCheckIn> checkIns)
    {
        if (checkIns.Count == 0)
        {
            return (null, null);
        }

        // The newest day with a warning sign, even when a later check-in was entered first: a red flag
        // is never lost because it was back-entered. Once an alert was raised on or after that day
        // (open or resolved), it is not raised again for it.
        var flagged = checkIns.LastOrDefault(c => c.RedFlags.Count > 0);
        if (flagged is null)
        {
            return (null, null);
        }

        var latest = flagged.Date;
        var flags = checkIns.Where(c => c.Date == latest).SelectMany(c => c.RedFlags).ToHashSet();

        var screening = Screener.ScreenRedFlags(flags);
        var severity = screening.Outcome switch
        {
            ScreeningOutcome.UrgentCare => AlertSeverity.UrgentCare,
            ScreeningOutcome.SeeClinicianSoon or ScreeningOutcome.NotEligible => AlertSeverity.SeeClinicianSoon,
            _ => AlertSeverity.Info,
        };
        var pause = severity >= AlertSeverity.SeeClinicianSoon;
        var lead = severity switch
        {
            AlertSeverity.UrgentCare => "Please stop your exercises and get medical care today. ",
            AlertSeverity.SeeClinicianSoon => "Please pause your exercises and see a physical therapist or doctor in the next few days. ",
            _ => "",
        };
        var message = lead + string.Join(" ", screening.Findings.Select(f => f.Message))
            + (pause ? " Your plan is paused until a clinician has looked at this." : "");
        return (new EscalationAlert("E1", severity, message, ["E1", .. screening.Findings.Select(f => f.RuleId).Distinct()], pause,
            $"Check-in of {Iso(latest)} reported: {string.Join(", ", flags.Select(Vocab<RedFlag>.Name).Order(StringComparer.Ordinal))}.",
            screening.Findings, latest), latest);
    }

    // E2: usual pain 2 or more points above the baseline for 7 days, or pain not settled after 3 sessions in a row.
    private static EscalationAlert? Worsening(PainTrend trend, List<PainCheckIn> checkIns, List<SessionPain> sessions, DateOnly asOf)
    {
        if (RisingFor(trend) is { } rise)
        {
            return new EscalationAlert("E2", AlertSeverity.SeeClinicianSoon,
                "Your usual pain has been clearly higher than when you started for a week now. Please consult a physical therapist or doctor in the next few days, so they can look at what is going on. Until then, go gently: skip any exercise that takes your pain above 5 out of 10.",
                ["E2", "PM3", "PM1"], false,
                $"7-day average of usual pain at least {WorseningPoints} points above the baseline {rise.Baseline} (average of {Iso(trend.First!.Value)} to {Iso(trend.BaselineEnd!.Value)}) every day from {Iso(rise.From)} to {Iso(asOf)}; now {rise.Now}.");
        }

        var days = sessions.Select(s => s.Date).Distinct().ToList();
        if (days.Count < UnsettledSessions)
        {
            return null;
        }

        var last = days.TakeLast(UnsettledSessions).ToList();
        for (var i = 0; i < last.Count; i++)
        {
            var until = i + 1 < last.Count ? last[i + 1] : asOf;
            var answer = checkIns.FirstOrDefault(c => c.Date > last[i] && c.Date <= until && c.SettledSinceLastSession is not null);
            if (answer?.SettledSinceLastSession != false)
            {
                return null;
            }
        }

        return new EscalationAlert("E2", AlertSeverity.SeeClinicianSoon,
            $"After each of your last {UnsettledSessions} sessions, your pain had not settled by the next morning. Please consult a physical therapist or doctor in the next few days, so they can adjust your exercises. Until then, go gently and keep to the easier versions.",
            ["E2", "PM2"], false,
            $"Not settled by the next morning after the sessions of {string.Join(", ", last.Select(Iso))}.");
    }

    private sealed record Rise(PainAverage Baseline, PainAverage Now, DateOnly From);

    /// <summary>
    /// The 7-day average has been at least <see cref="WorseningPoints"/> above the baseline on every
    /// day of a run that ends today, and records after the baseline period, at least 6 days apart,
    /// show it — so one high rating carried through the window, or a gap bridged by old records,
    /// does not count as "stays there for 7 days".
    /// </summary>
    private static Rise? RisingFor(PainTrend trend)
    {
        if (trend.Baseline is not PainAverage baseline)
        {
            return null;
        }

        var asOf = trend.AsOf;
        var day = asOf;
        while (day >= trend.First!.Value && trend.SevenDayAverage(day) is PainAverage avg && avg.AtLeastAbove(baseline, WorseningPoints))
        {
            day = day.AddDays(-1);
        }

        var runFrom = day.AddDays(1);
        var evidence = trend.RecordDays.Where(d => d >= runFrom && d <= asOf && d > trend.BaselineEnd!.Value).ToList();
        if (evidence.Count == 0 || evidence[^1].DayNumber - evidence[0].DayNumber < WorseningDays - 1)
        {
            return null;
        }

        return new Rise(baseline, trend.SevenDayAverage(asOf)!.Value, runFrom);
    }

    // E3: after 12 weeks with at least half the planned days done, pain (and the PSFS) has not improved meaningfully.
    private static EscalationAlert? Persisting(EscalationInput input, PainTrend trend, List<SessionPain> sessions)
    {
        if (input.PlanStart is not DateOnly start || input.AsOf.DayNumber - start.DayNumber < PersistingWeeks * 7
            || trend.Baseline is not PainAverage baseline || trend.SevenDayAverage(input.AsOf) is not PainAverage now)
        {
            return null;
        }

        var adherence = Adherence.Compute(input.ScheduledDays, start, sessions.Select(s => s.Date).ToHashSet(), input.AsOf, PersistingWeeks * 7);
        if (adherence.Percent is not int percent || percent < PersistingAdherencePercent)
        {
            return null;
        }

        // improvement = baseline − now; "less than 2 points and less than 30 %", in exact fractions.
        long b = baseline.Sum, bn = baseline.Count, n = now.Sum, nn = now.Count;
        var underPoints = (b * nn) - (n * bn) < PersistingPainPoints * bn * nn;
        var underPercent = (100 - PersistingPainPercent) * b * nn < 100 * n * bn;
        if (!underPoints || !underPercent)
        {
            return null;
        }

        var psfs = input.Outcomes.Where(o => o.Instrument == Instrument.Psfs && o.Date <= input.AsOf).OrderBy(o => o.Date).ToList();
        var psfsText = "";
        if (psfs.Count >= 2)
        {
            var gain = psfs[^1].Score - psfs[0].Score;
            if (gain >= PersistingPsfsPoints)
            {
                return null;
            }

            psfsText = $" PSFS {OutcomeScoring.Num(psfs[0].Score)} → {OutcomeScoring.Num(psfs[^1].Score)}.";
        }

        return new EscalationAlert("E3", AlertSeverity.SeeClinician,
            $"You have kept up your exercises for {PersistingWeeks} weeks, well done. Your pain has not eased as much as we hoped, though. That happens, and it is a good time to see a physical therapist or doctor to review your plan and talk about other options that could help.",
            ["E3", "OM1"], false,
            $"Adherence {percent} % over {PersistingWeeks} weeks; usual pain baseline {baseline}, last 7 days {now}.{psfsText}");
    }

    // E4: the week 6–8 review, once per plan.
    private static EscalationAlert? Review(EscalationInput input)
    {
        if (input.PlanStart is not DateOnly start)
        {
            return null;
        }

        var days = input.AsOf.DayNumber - start.DayNumber;
        if (days < ReviewFromWeek * 7 || days > ReviewToWeek * 7)
        {
            return null;
        }

        return new EscalationAlert("E4", AlertSeverity.Info,
            $"You are {days / 7} weeks into your plan. This is a good time to look back: check how often you have been exercising, whether the exercises feel right, and take your outcome measures again. If you have a therapist, share your progress with them.",
            ["E4", "OS1"], false,
            $"Plan started {Iso(start)}; week 6–8 review due.");
    }

    // E5: a single rating of 8 or more; see someone soon if it is still that high at the next check-in.
    // A very high "pain now" at the intake is such a rating, and the first rating of the persistence
    // rule: 8 at the intake and 8 at the next check-in is see-clinician-soon. A lower intake rating
    // stays out of E5's series: it is the intake's answer, not a check-in, so it neither raises nor
    // hides anything (a check-in back-entered for the day before still counts on its own day).
    private static (EscalationAlert?, DateOnly?) VeryHigh(List<PainCheckIn> checkIns, List<SessionPain> sessions, IEnumerable<IntakePain> intakes)
    {
        var ratings = checkIns.Select(c => (c.Date, Pain: c.UsualPain, CheckIn: true))
            .Concat(sessions.Select(s => (s.Date, Pain: s.HighestPain, CheckIn: false)))
            .Concat(intakes.Where(i => i.PainNow >= VeryHighPain).Select(i => (i.Date, Pain: i.PainNow, CheckIn: false)))
            .ToList();
        if (ratings.Count == 0)
        {
            return (null, null);
        }

        var latestDay = ratings.Max(r => r.Date);
        var highest = ratings.Where(r => r.Date == latestDay).Max(r => r.Pain);
        if (highest < VeryHighPain)
        {
            return (null, null);
        }

        // "Persists at the next check-in": today's check-in is 8 or more, and so was a rating on an
        // earlier day since the check-in before it (or ever, if there was none).
        var persists = false;
        var todayCheckIn = checkIns.Where(c => c.Date == latestDay).Select(c => (int?)c.UsualPain).Max();
        if (todayCheckIn >= VeryHighPain)
        {
            var previousCheckIn = checkIns.LastOrDefault(c => c.Date < latestDay)?.Date ?? DateOnly.MinValue;
            persists = ratings.Any(r => r.Date >= previousCheckIn && r.Date < latestDay && r.Pain >= VeryHighPain);
        }

        return persists
            ? (new EscalationAlert("E5", AlertSeverity.SeeClinicianSoon,
                $"Your pain has stayed at {VeryHighPain} out of 10 or more. Please see a physical therapist or doctor in the next few days, and do not exercise until then. Rest and use what usually helps you.",
                ["E5"], false, $"Pain {highest}/10 on {Iso(latestDay)}, also {VeryHighPain} or more at the rating before."), latestDay)
            : (new EscalationAlert("E5", AlertSeverity.Info,
                $"You rated your pain {highest} out of 10. Please do not exercise today; rest and use what usually helps you. If it is still this high at your next check-in, see a physical therapist or doctor.",
                ["E5"], false, $"Pain {highest}/10 on {Iso(latestDay)}."), latestDay);
    }

    // E6: under half of the planned days done over the last 2 weeks.
    private static EscalationAlert? LowAdherence(EscalationInput input, List<SessionPain> sessions)
    {
        if (input.PlanStart is not DateOnly start)
        {
            return null;
        }

        var figure = Adherence.Compute(input.ScheduledDays, start, sessions.Select(s => s.Date).ToHashSet(), input.AsOf, Adherence.LowAdherenceWindowDays);
        if (!Adherence.IsLow(figure, start, input.AsOf))
        {
            return null;
        }

        return new EscalationAlert("E6", AlertSeverity.Info,
            "The last two weeks have had fewer exercise days than planned. That is common, and it is fine to restart gently. If something is getting in the way, such as time, pain or a hard exercise, your therapist can help make the plan fit your life.",
            ["E6"], false,
            $"Adherence {figure.Percent} % over {figure.WindowDays} days ({figure.Completed} of {figure.Planned} planned days).");
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
