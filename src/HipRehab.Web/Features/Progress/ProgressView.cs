using System.Globalization;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Progress;

/// <summary>
/// A person's progress as <c>_Progress.cshtml</c> draws it, for their own progress page and the
/// clinic's patient page alike: the same <see cref="ProgressResponse"/> as the API, so the page and
/// <c>GET /api/v1/me/progress</c> cannot disagree. Words are addressed to the person ("you") or about
/// them ("they") depending on <see cref="ForClinician"/>.
/// </summary>
public sealed record ProgressView(ProgressResponse Progress, bool ForClinician)
{
    public string You => ForClinician ? "they" : "you";

    public string Your => ForClinician ? "their" : "your";

    /// <summary>Days with a rating, oldest first: the rows of the pain table.</summary>
    public IReadOnlyList<PainDay> RatedDays => [.. Progress.Pain.Days.Where(d => d.Pain is not null)];

    public LineChart? PainChart()
    {
        var days = Progress.Pain.Days;
        if (RatedDays.Count == 0)
        {
            return null;
        }

        var first = RatedDays[0];
        var last = RatedDays[^1];
        return new LineChart("pain-chart", "Usual pain from morning check-ins, 0 to 10",
            $"{RatedDays.Count} days with a check-in from {Date(first.Date)} to {Date(last.Date)}. Pain went from {Num(first.Pain)} to {Num(last.Pain)} out of 10"
            + (last.SevenDayAverage is decimal avg ? $"; the 7-day average is now {Num(avg)}." : ".") + " The table below has every value.",
            0, 10, [0, 5, 10],
            [
                new LineSeries("pain each day", [.. days.Select(d => (d.Date, d.Pain))]),
                new LineSeries("7-day average", [.. days.Select(d => (d.Date, d.SevenDayAverage))], Dashed: true, Dots: false),
            ])
        {
            Reference = Progress.BaselinePain is decimal b ? (b, $"start: {Num(b)}") : null,
            Caption = "Higher means more pain.",
        };
    }

    public LineChart OutcomeChart(OutcomeProgress outcome, int index)
    {
        var scores = outcome.Results.Select(r => r.Score).ToList();
        var min = Math.Min(0, scores.Min());
        var max = scores.Max() <= 10 && min >= 0 ? 10 : Math.Ceiling(scores.Max() * 1.1m);
        return new LineChart($"outcome-chart-{index}", $"{outcome.Name} over time",
            $"{outcome.Results.Count} results from {Date(outcome.Baseline.Date)} to {Date(outcome.Latest.Date)}: from {Num(outcome.Baseline.Score)} to {Num(outcome.Latest.Score)}. The table below has every value.",
            min, max, [min, max], [new LineSeries(outcome.Name, [.. outcome.Results.Select(r => (r.Date, (decimal?)r.Score))])])
        {
            Reference = (outcome.Baseline.Score, $"first: {Num(outcome.Baseline.Score)}"),
            Caption = "A filled dot is a result; the dotted line is the first result.",
        };
    }

    public LineChart? WeightChart()
    {
        var series = Progress.Weight.Series;
        if (series.Count < 2)
        {
            return null;
        }

        var low = Math.Floor(series.Min(w => w.WeightKg) - 2);
        var high = Math.Ceiling(series.Max(w => w.WeightKg) + 2);
        return new LineChart("weight-chart", "Weight in kilograms",
            $"{series.Count} weights from {Date(series[0].Date)} to {Date(series[^1].Date)}: from {Num(series[0].WeightKg)} to {Num(series[^1].WeightKg)} kg. The table below has every value.",
            low, high, [low, high], [new LineSeries("weight", [.. series.Select(w => (w.Date, (decimal?)w.WeightKg))])]);
    }

    public LineChart ActivityChart()
    {
        var weeks = Progress.Activity.Weeks;
        var max = Math.Max(200, weeks.Max(w => w.Minutes) + 20);
        return new LineChart("activity-chart", "Activity minutes in each 7-day window",
            $"{weeks.Count} weeks from {Date(weeks[0].To)} to {Date(weeks[^1].To)}. Minutes in the latest week: {weeks[^1].Minutes} of the aim of {weeks[^1].Target}. The table below has every value.",
            0, max, [0, max], [new LineSeries("minutes", [.. weeks.Select(w => (w.To, (decimal?)w.Minutes))])])
        {
            Reference = (weeks[^1].Target, $"aim: {weeks[^1].Target} minutes"),
        };
    }

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Num(decimal? value) => value is decimal v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "–";
}
