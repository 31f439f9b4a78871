namespace HipRehab.Core.Movement;

/// <summary>One demand a movement makes, with the frame evidence for it.</summary>
/// <param name="Demand">The demand (docs/clinical-rules.md §2.2).</param>
/// <param name="Joint">Where it shows, e.g. <c>working.hipFlexion</c> or <c>trunk.pitch</c>.</param>
/// <param name="Angle">The angle (or, for a contact, the height in % of body height) that shows it.</param>
public sealed record DerivedDemand(Demand Demand, string Joint, double Angle);

/// <summary>
/// The movement demands a variant's poses make, read from the same data the drawing comes from
/// (docs/clinical-rules.md §2.2, THR sets in §2.1). Each test is the rule's own line, with no
/// threshold of its own beyond the 90° of THR-P: flexion past 90°, adduction past the midline,
/// rotation past neutral, extension behind the body, abduction moved into by the working leg, a
/// knee on the floor, lying from the trunk, one foot off the floor while standing, and a forward
/// lean while seated.
/// </summary>
public static class MovementDemands
{
    /// <summary>THR-P: "hip flexion past 90°".</summary>
    public const double FlexionLimit = 90;

    /// <summary>A trunk this far from upright (either way) is lying.</summary>
    public const double LyingFromUpright = 45;

    /// <summary>Rounding in the content and the figure: a foot or knee this close (fraction of height) to the surface touches it.</summary>
    public const float ContactTolerance = 0.01f;

    /// <summary>How far (fraction of height) a knee may drop while the hip opens and still count as lifted or slid out, not let fall.</summary>
    private const float KneeStill = 0.001f;

    /// <summary>Every demand the movement makes, with the first frame that shows it.</summary>
    public static IReadOnlyDictionary<Demand, DerivedDemand> Derive(MovementData movement, int? holdSeconds)
    {
        var found = new Dictionary<Demand, DerivedDemand>();
        // The evidence kept for each demand is its most extreme frame.
        void Add(Demand demand, string joint, double angle)
        {
            if (!found.TryGetValue(demand, out var seen) || Math.Abs(angle) > Math.Abs(seen.Angle))
            {
                found[demand] = new DerivedDemand(demand, joint, Math.Round(angle, 1));
            }
        }

        var seat = Figure.SeatHeightFor(movement);
        foreach (var pose in movement.Frames(holdSeconds))
        {
            foreach (var (name, limb) in pose.Limbs)
            {
                if (limb.HipFlexion > FlexionLimit)
                {
                    Add(Demand.HipFlexionOver90, $"{name}.hipFlexion", limb.HipFlexion);
                }

                if (limb.HipFlexion < 0)
                {
                    Add(Demand.HipExtensionPastNeutral, $"{name}.hipFlexion", limb.HipFlexion);
                }


                if (limb.HipRotation > 0)
                {
                    Add(Demand.ExternalRotation, $"{name}.hipRotation", limb.HipRotation);
                }

                if (limb.HipRotation < 0)
                {
                    Add(Demand.InternalRotation, $"{name}.hipRotation", limb.HipRotation);
                }
            }

            // Past the midline: the knee crosses to the other side of the body (a leg resting on the
            // other in side-lying is adducted but stays on its own side; that is "side-lying").
            var body = Figure.BodyFrame(pose);
            if (body["working.knee"].Z < 0)
            {
                Add(Demand.AdductionPastMidline, "working.hipAbduction", pose.Working.HipAbduction);
            }

            if (body["other.knee"].Z > 0)
            {
                Add(Demand.AdductionPastMidline, "other.hipAbduction", pose.Other.HipAbduction);
            }

            var lying = pose.Support == Support.Ground && (Math.Abs(pose.Trunk.Pitch) >= LyingFromUpright || Math.Abs(pose.Trunk.Roll) >= LyingFromUpright);
            if (lying)
            {
                Add(Demand.Lying, "trunk.pitch", Math.Abs(pose.Trunk.Roll) > Math.Abs(pose.Trunk.Pitch) ? pose.Trunk.Roll : pose.Trunk.Pitch);
                if (Math.Abs(pose.Trunk.Roll) >= LyingFromUpright)
                {
                    Add(Demand.SideLying, "trunk.roll", pose.Trunk.Roll);
                }
                else if (pose.Trunk.Pitch >= LyingFromUpright)
                {
                    Add(Demand.Supine, "trunk.pitch", pose.Trunk.Pitch);
                }
            }

            if (pose.Support == Support.Seat && pose.Trunk.Pitch < 0)
            {
                Add(Demand.ForwardLeanSeated, "trunk.pitch", pose.Trunk.Pitch);
            }

            var figure = Figure.Solve(pose, movement.Props, seat);
            if (pose.Support == Support.Ground && !lying)
            {
                foreach (var knee in new[] { "working.knee", "other.knee" })
                {
                    if (figure[knee].Y - Anthropometry.KneeAboveFloor - figure.Surface <= ContactTolerance)
                    {
                        Add(Demand.Kneeling, knee, 0);
                    }
                }
            }

            if (pose.Support == Support.Feet)
            {
                Add(Demand.Standing, "support", 0);
                foreach (var side in new[] { "working", "other" })
                {
                    var foot = Math.Min(figure[$"{side}.heel"].Y, figure[$"{side}.toe"].Y);
                    if (foot > ContactTolerance)
                    {
                        Add(Demand.SingleLegStance, $"{side}.foot", foot * 100);
                    }
                }
            }
        }

        // Abduction the working leg moves into itself: from one key pose to the next it opens out,
        // and the opening does not lower the knee (a knee let fall open, as in a figure-four
        // stretch, is gravity's work; one slid out along the floor or lifted is the muscles').
        for (var i = 1; i < movement.Phases.Count; i++)
        {
            var pose = movement.Phases[i].Pose;
            var before = movement.Phases[i - 1].Pose.Working.HipAbduction;
            var after = pose.Working.HipAbduction;
            if (after > before && after > 0 && !LowersTheKnee(pose, before))
            {
                Add(Demand.ActiveAbduction, "working.hipAbduction", after);
                break;
            }
        }

        return found;
    }

    /// <summary>Whether opening the working hip from <paramref name="fromAbduction"/> to this pose's abduction lowers the working knee.</summary>
    private static bool LowersTheKnee(BodyPose pose, double fromAbduction)
    {
        var opened = Figure.Oriented(pose)["working.knee"].Y;
        var closed = Figure.Oriented(pose with { Working = pose.Working with { HipAbduction = fromAbduction } })["working.knee"].Y;
        return opened < closed - KneeStill;
    }

    /// <summary>
    /// Where the poses and the declared demands disagree, one message each naming the demand, the
    /// joint and the angle; empty when they agree.
    /// </summary>
    public static IReadOnlyList<string> Compare(MovementData movement, int? holdSeconds, IReadOnlyCollection<Demand> declared)
    {
        var derived = Derive(movement, holdSeconds);
        var problems = new List<string>();
        foreach (var (demand, evidence) in derived.OrderBy(d => d.Key))
        {
            if (!declared.Contains(demand))
            {
                problems.Add($"the poses make the demand '{Vocab<Demand>.Name(demand)}' ({evidence.Joint} {evidence.Angle}), which the variant does not declare");
            }
        }

        foreach (var demand in declared.Order())
        {
            if (!derived.ContainsKey(demand))
            {
                problems.Add($"the variant declares '{Vocab<Demand>.Name(demand)}', but no pose makes it");
            }
        }

        return problems;
    }
}
