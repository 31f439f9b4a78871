namespace HipRehab.Web.Data;

/// <summary>A plan's <see cref="PlanRecord.Status"/>: the one spelling of each value (docs/api.md, "Plan").</summary>
public static class PlanStatus
{
    /// <summary>The plan in use.</summary>
    public const string Active = "active";

    /// <summary>Paused by a warning sign (E1): nothing is due until the pause ends (E1R).</summary>
    public const string Paused = "paused";

    /// <summary>An earlier version, kept as history.</summary>
    public const string Replaced = "replaced";
}
