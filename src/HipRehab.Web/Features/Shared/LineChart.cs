using System.Globalization;

namespace HipRehab.Web.Features.Shared;

/// <summary>
/// A dated line chart drawn as plain SVG by <c>_LineChart.cshtml</c>: each series is a line (and
/// dots where <see cref="LineSeries.Dots"/>), x is the date, y a score. It is an image with a title
/// and a description; the page always shows the same figures in a table next to it, and the chart
/// prints in black and the one dark blue (no colour carries meaning alone: series differ by dash).
/// </summary>
public sealed record LineChart(string Id, string Title, string Description, decimal YMin, decimal YMax, IReadOnlyList<decimal> YTicks,
    IReadOnlyList<LineSeries> Series)
{
    public const double Width = 600, Height = 280, Left = 64, Right = 12, Top = 28, Bottom = 40;

    /// <summary>A horizontal reference line (e.g. the baseline, or 150 minutes), with its label.</summary>
    public (decimal Y, string Label)? Reference { get; init; }

    /// <summary>What the caption under the chart says.</summary>
    public string? Caption { get; init; }

    private DateOnly First => Series.SelectMany(s => s.Points).Select(p => p.Date).DefaultIfEmpty().Min();

    private DateOnly Last => Series.SelectMany(s => s.Points).Select(p => p.Date).DefaultIfEmpty().Max();

    public double X(DateOnly date)
    {
        var span = Last.DayNumber - First.DayNumber;
        return span == 0 ? Left + (Width - Left - Right) / 2 : Left + (date.DayNumber - First.DayNumber) * (Width - Left - Right) / span;
    }

    public double Y(decimal value)
    {
        var range = YMax - YMin;
        var clamped = Math.Clamp(value, YMin, YMax);
        return Top + (double)((YMax - clamped) / (range == 0 ? 1 : range)) * (Height - Top - Bottom);
    }

    /// <summary>SVG polyline points of a series; a gap (null) starts a new line.</summary>
    public IEnumerable<string> Lines(LineSeries series)
    {
        var run = new List<string>();
        foreach (var (date, value) in series.Points)
        {
            if (value is decimal v)
            {
                run.Add($"{N(X(date))},{N(Y(v))}");
            }
            else if (run.Count > 0)
            {
                yield return string.Join(" ", run);
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            yield return string.Join(" ", run);
        }
    }

    public string FirstLabel => First.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public string LastLabel => Last.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string N(decimal v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>One line of a <see cref="LineChart"/>.</summary>
/// <param name="Name">What it shows, for the legend.</param>
/// <param name="Points">Dated values, oldest first; null for a day without a value.</param>
/// <param name="Dashed">Drawn dashed (the second series of a chart).</param>
/// <param name="Dots">A dot at each value.</param>
public sealed record LineSeries(string Name, IReadOnlyList<(DateOnly Date, decimal? Value)> Points, bool Dashed = false, bool Dots = true);
