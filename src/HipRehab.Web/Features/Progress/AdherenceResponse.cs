using HipRehab.Core.Supervision;

namespace HipRehab.Web.Features.Progress;

/// <summary>Planned and completed days over a window (docs/api.md: adherence).</summary>
public sealed record AdherenceResponse(int WindowDays, int Planned, int Completed, int? Percent)
{
    public static AdherenceResponse? From(AdherenceFigure? f) => f is null ? null : new(f.WindowDays, f.Planned, f.Completed, f.Percent);
}
