using System.Text.Json.Serialization;

namespace HipRehab.Core.Movement;

/// <summary>What bears the body's weight in a pose; the figure is placed on it (content/README.md, "movement").</summary>
public enum Support
{
    /// <summary>Standing: the feet on the floor (or one foot on a step).</summary>
    [JsonStringEnumMemberName("feet")] Feet,

    /// <summary>Sitting on a chair: the pelvis on the seat, the feet on the floor.</summary>
    [JsonStringEnumMemberName("seat")] Seat,

    /// <summary>Lying or kneeling on the floor, a mat or a bed.</summary>
    [JsonStringEnumMemberName("ground")] Ground,
}

/// <summary>The drawing's point of view: the one that shows the family's movement.</summary>
public enum View
{
    /// <summary>From the working side (bridges, squats, lunges, hamstring and calf stretches).</summary>
    [JsonStringEnumMemberName("side")] Side,

    /// <summary>From in front (standing abduction, crossed-leg stretches).</summary>
    [JsonStringEnumMemberName("front")] Front,

    /// <summary>From above (movements that happen along the floor, like a slide-out).</summary>
    [JsonStringEnumMemberName("top")] Top,
}

/// <summary>Something the figure uses, drawn with it.</summary>
public enum Prop
{
    [JsonStringEnumMemberName("mat")] Mat,
    [JsonStringEnumMemberName("bed")] Bed,
    [JsonStringEnumMemberName("chair")] Chair,
    [JsonStringEnumMemberName("wall")] Wall,
    [JsonStringEnumMemberName("step")] Step,
    [JsonStringEnumMemberName("band")] Band,
    [JsonStringEnumMemberName("anchor")] Anchor,
    [JsonStringEnumMemberName("strap")] Strap,
    [JsonStringEnumMemberName("ankle-weight")] AnkleWeight,
}

/// <summary>The part of one repetition a key pose begins.</summary>
public enum PhaseKind
{
    [JsonStringEnumMemberName("start")] Start,
    [JsonStringEnumMemberName("move")] Move,
    [JsonStringEnumMemberName("hold")] Hold,
    [JsonStringEnumMemberName("return")] Return,
}

/// <summary>
/// One leg's (and its arm's) joint angles in degrees, all 0 in the anatomical standing position.
/// Hip flexion is the thigh's angle to the trunk (negative: extension, behind the body); abduction
/// moves the leg out to its own side (negative: adduction, across the midline); rotation is about
/// the thigh's long axis (positive: external, turning out; negative: internal); knee and elbow are
/// flexion; ankle is dorsiflexion (negative: pointing the toes); shoulder is flexion (raising the
/// arm forward).
/// </summary>
public sealed record LimbPose(double HipFlexion, double HipAbduction, double HipRotation, double Knee, double Ankle, double Shoulder, double Elbow)
{
    public static readonly LimbPose Neutral = new(0, 0, 0, 0, 0, 0, 0);

    public static LimbPose Lerp(LimbPose a, LimbPose b, double t) => new(
        Mix(a.HipFlexion, b.HipFlexion, t), Mix(a.HipAbduction, b.HipAbduction, t), Mix(a.HipRotation, b.HipRotation, t),
        Mix(a.Knee, b.Knee, t), Mix(a.Ankle, b.Ankle, t), Mix(a.Shoulder, b.Shoulder, t), Mix(a.Elbow, b.Elbow, t));

    internal static double Mix(double a, double b, double t) => a + ((b - a) * t);
}

/// <summary>
/// The trunk's orientation in space, in degrees. Pitch 0 is upright, positive leans back (90:
/// lying on the back), negative leans forward (-90: lying face down). Roll 0 is square, 90 is lying
/// on the other side with the working side up (-90: lying on the working side). These turn the
/// whole body; <c>SideBend</c> bends only the spine (shoulders, arms and head lean toward the other
/// side when positive, the hips and legs stay), and <c>Neck</c> bends the head forward when
/// positive (chin toward the chest), as when the shoulders rest on the floor in a bridge.
/// </summary>
public sealed record TrunkPose(double Pitch, double Roll, double SideBend = 0, double Neck = 0)
{
    public static TrunkPose Lerp(TrunkPose a, TrunkPose b, double t) => new(
        LimbPose.Mix(a.Pitch, b.Pitch, t), LimbPose.Mix(a.Roll, b.Roll, t), LimbPose.Mix(a.SideBend, b.SideBend, t), LimbPose.Mix(a.Neck, b.Neck, t));
}

/// <summary>
/// The whole body at one moment. <c>Working</c> is the leg the exercise is for (the one a person
/// chooses with "left" or "right"); <c>Other</c> is the other side. For both-legs exercises the two
/// are usually the same.
/// </summary>
public sealed record BodyPose(Support Support, TrunkPose Trunk, LimbPose Working, LimbPose Other)
{
    /// <summary>Moves <paramref name="t"/> (0–1) of the way from <paramref name="a"/> to <paramref name="b"/>; the support changes halfway.</summary>
    public static BodyPose Lerp(BodyPose a, BodyPose b, double t) => new(
        t < 0.5 ? a.Support : b.Support, TrunkPose.Lerp(a.Trunk, b.Trunk, t),
        LimbPose.Lerp(a.Working, b.Working, t), LimbPose.Lerp(a.Other, b.Other, t));

    /// <summary>Both legs, working first.</summary>
    public IEnumerable<(string Name, LimbPose Limb)> Limbs => [("working", Working), ("other", Other)];
}

/// <summary>A key pose and how long the body takes to reach it (or, for a hold, to stay in it).</summary>
/// <param name="Kind">Which part of the repetition this is.</param>
/// <param name="Seconds">Time to reach the pose from the one before; for a hold, the hold itself when the dose gives none.</param>
/// <param name="HoldFromDose">True when the hold lasts the dose's <c>holdSeconds</c>.</param>
/// <param name="Pose">The pose at the end of the phase.</param>
public sealed record MovementPhase(PhaseKind Kind, double Seconds, bool HoldFromDose, BodyPose Pose);

/// <summary>
/// One repetition of a variant as data: key poses with their timing, the view that shows them
/// and the props used. Drawn by <see cref="Figure"/>, and checked against the variant's declared
/// demands by <see cref="MovementDemands"/>.
/// </summary>
public sealed record MovementData(View View, IReadOnlyList<Prop> Props, IReadOnlyList<MovementPhase> Phases)
{
    /// <summary>The pose at <paramref name="seconds"/> into one repetition (a hold of <paramref name="holdSeconds"/>).</summary>
    public BodyPose PoseAt(double seconds, int? holdSeconds)
    {
        var previous = Phases[0].Pose;
        var elapsed = 0.0;
        foreach (var phase in Phases)
        {
            var length = Length(phase, holdSeconds);
            if (seconds <= elapsed + length)
            {
                return length <= 0 ? phase.Pose : BodyPose.Lerp(previous, phase.Pose, Math.Clamp((seconds - elapsed) / length, 0, 1));
            }

            elapsed += length;
            previous = phase.Pose;
        }

        return Phases[^1].Pose;
    }

    /// <summary>Seconds for one repetition, with its hold.</summary>
    public double Duration(int? holdSeconds) => Phases.Sum(p => Length(p, holdSeconds));

    /// <summary>Poses sampled through one repetition, <paramref name="perSecond"/> a second, key poses included.</summary>
    public IEnumerable<BodyPose> Frames(int? holdSeconds, int perSecond = 10)
    {
        var duration = Duration(holdSeconds);
        var count = Math.Max(1, (int)Math.Ceiling(duration * perSecond));
        for (var i = 0; i <= count; i++)
        {
            yield return PoseAt(duration * i / count, holdSeconds);
        }

        foreach (var phase in Phases)
        {
            yield return phase.Pose;
        }
    }

    /// <summary>How many in-between poses a second a drawing shows while the body moves.</summary>
    public const int DrawnFramesPerSecond = 6;

    /// <summary>
    /// The poses a drawing shows, with their time into the repetition: the starting pose, then for
    /// each move <see cref="DrawnFramesPerSecond"/> poses a second (at least two) ending on its key
    /// pose, and for each pause or hold its pose again at the end. These are exactly the frames the
    /// server draws, so the safety checks can look at each one.
    /// </summary>
    public IReadOnlyList<(double Seconds, BodyPose Pose)> DrawnFrames(int? holdSeconds)
    {
        var frames = new List<(double Seconds, BodyPose Pose)> { (0, Phases[0].Pose) };
        var at = 0.0;
        var previous = Phases[0].Pose;
        foreach (var phase in Phases)
        {
            var length = Length(phase, holdSeconds);
            if (phase.Pose == previous)
            {
                if (length > 0)
                {
                    frames.Add((at + length, previous));
                }
            }
            else
            {
                var steps = Math.Max(2, (int)Math.Ceiling(length * DrawnFramesPerSecond));
                for (var i = 1; i <= steps; i++)
                {
                    frames.Add((at + (length * i / steps), BodyPose.Lerp(previous, phase.Pose, (double)i / steps)));
                }
            }

            at += length;
            previous = phase.Pose;
        }

        return frames;
    }

    /// <summary>How long a phase lasts: the dose's hold for a hold that takes it, else the phase's own seconds.</summary>
    public static double Length(MovementPhase phase, int? holdSeconds) =>
        phase.HoldFromDose && holdSeconds is int hold ? hold : phase.Seconds;
}
