namespace HipRehab.Web.Features.Plans;

/// <summary>How large a plan can grow.</summary>
public static class PlanLimits
{
    /// <summary>The most exercises a plan (and so a logged session) holds.</summary>
    public const int MaxExercises = 20;
}
