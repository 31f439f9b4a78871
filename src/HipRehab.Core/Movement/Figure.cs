using System.Numerics;

namespace HipRehab.Core.Movement;

/// <summary>
/// Segment lengths as fractions of standing height H, from Winter, <i>Biomechanics and Motor Control
/// of Human Movement</i> (4th ed., Wiley 2009), Figure 4.1 (after Drillis and Contini 1966).
/// </summary>
public static class Anthropometry
{
    /// <summary>Hip joint (greater trochanter) to knee joint.</summary>
    public const double Thigh = 0.245;

    /// <summary>Knee joint to ankle joint.</summary>
    public const double Shank = 0.246;

    /// <summary>Ankle joint to the floor.</summary>
    public const double AnkleHeight = 0.039;

    /// <summary>Heel to toe.</summary>
    public const double FootLength = 0.152;

    /// <summary>Hip joint to shoulder joint (0.818 H − 0.530 H).</summary>
    public const double Trunk = 0.288;

    /// <summary>Shoulder joint to the top of the head (1.000 H − 0.818 H).</summary>
    public const double HeadAndNeck = 0.182;

    /// <summary>Shoulder to elbow.</summary>
    public const double UpperArm = 0.186;

    /// <summary>Elbow to wrist.</summary>
    public const double Forearm = 0.146;

    /// <summary>Across the shoulders.</summary>
    public const double ShoulderWidth = 0.259;

    /// <summary>Across the hips.</summary>
    public const double HipWidth = 0.191;

    /// <summary>
    /// How far a kneeling knee's joint centre sits above the floor: the knee's own depth. Taken from
    /// these proportions, not measured: upright half-kneeling with the back thigh and the front shank
    /// vertical puts both hips at one height only if the knee rests this far up.
    /// </summary>
    public const double KneeAboveFloor = Shank + AnkleHeight - Thigh;

    /// <summary>The heel's distance behind the ankle joint (the rest of <see cref="FootLength"/> is in front).</summary>
    public const double HeelBehindAnkle = 0.030;
}

/// <summary>The points of a drawn figure, in metres of a figure of height 1: x forward, y up, z toward the working side.</summary>
public sealed record FigurePoints(IReadOnlyDictionary<string, Vector3> Points, Support Support, float Surface)
{
    public Vector3 this[string name] => Points[name];

    /// <summary>The lowest point of the figure (a knee by its front, not its centre).</summary>
    public float Lowest => Points.Min(p => p.Key.EndsWith(".knee", StringComparison.Ordinal) ? p.Value.Y - (float)Anthropometry.KneeAboveFloor : p.Value.Y);

    /// <summary>The figure with left and right exchanged (z reflected): the same pose on the other side.</summary>
    public FigurePoints Mirrored() => this with { Points = Points.ToDictionary(p => p.Key, p => p.Value with { Z = -p.Value.Z }) };
}

/// <summary>
/// Forward kinematics of a stick figure of height 1 (<see cref="Anthropometry"/>), placed on what
/// supports it: the lowest foot on the floor when standing, the pelvis on the seat when sitting,
/// the lowest point on the floor or bed when lying or kneeling.
/// </summary>
public static class Figure
{
    /// <summary>A bed's top, as a fraction of height.</summary>
    public const float BedHeight = 0.30f;

    /// <summary>A step's height.</summary>
    public const float StepHeight = 0.10f;

    /// <summary>The points every figure has.</summary>
    public static readonly string[] PointNames =
    [
        "pelvis", "neck", "head",
        "working.hip", "working.knee", "working.ankle", "working.heel", "working.toe", "working.shoulder", "working.elbow", "working.wrist",
        "other.hip", "other.knee", "other.ankle", "other.heel", "other.toe", "other.shoulder", "other.elbow", "other.wrist",
    ];

    private static readonly string[] s_upperBody =
        ["neck", "head", "working.shoulder", "working.elbow", "working.wrist", "other.shoulder", "other.elbow", "other.wrist"];

    /// <summary>The figure in <paramref name="pose"/>, placed on its support, for a movement whose seat (if any) is at <paramref name="seatHeight"/>.</summary>
    public static FigurePoints Solve(BodyPose pose, IReadOnlyList<Prop> props, float seatHeight)
    {
        var world = Oriented(pose);

        float surface;
        float lift;
        switch (pose.Support)
        {
            case Support.Seat:
                surface = seatHeight;
                lift = seatHeight - world["pelvis"].Y;
                break;
            case Support.Feet:
                surface = 0;
                lift = -Feet(world).Min(p => p.Y);
                break;
            default:
                surface = props.Contains(Prop.Bed) ? BedHeight : 0;
                lift = surface - world.Min(p => Resting(p.Key, p.Value));
                break;
        }

        var raised = world.ToDictionary(p => p.Key, p => p.Value with { Y = p.Value.Y + lift }, StringComparer.Ordinal);
        var anchor = raised[Anchor(pose, raised, surface)];
        var placed = raised.ToDictionary(p => p.Key, p => new Vector3(p.Value.X - anchor.X, p.Value.Y, p.Value.Z - anchor.Z), StringComparer.Ordinal);
        return new FigurePoints(placed, pose.Support, surface);
    }

    /// <summary>
    /// The point that stays put across the floor while the body moves (placed at x = z = 0): the
    /// other foot's heel while it is down (else the working one's; seated too, so a chair stays where
    /// the seated pelvis was), the
    /// shoulders when lying, the resting knee when kneeling.
    /// </summary>
    private static string Anchor(BodyPose pose, Dictionary<string, Vector3> points, float surface) => pose.Support switch
    {
        Support.Feet => Math.Min(points["other.heel"].Y, points["other.toe"].Y) <= MovementDemands.ContactTolerance ? "other.heel" : "working.heel",
        Support.Seat => "other.heel",
        _ when Math.Abs(pose.Trunk.Pitch) >= MovementDemands.LyingFromUpright || Math.Abs(pose.Trunk.Roll) >= MovementDemands.LyingFromUpright => "neck",
        _ => Resting("working.knee", points["working.knee"]) - surface <= Resting("other.knee", points["other.knee"]) - surface ? "working.knee" : "other.knee",
    };

    /// <summary>The seat height at which a seated start pose has its feet on the floor (0 for a movement that never sits).</summary>
    public static float SeatHeightFor(MovementData movement)
    {
        var seated = movement.Phases.FirstOrDefault(p => p.Pose.Support == Support.Seat);
        if (seated is null)
        {
            return 0;
        }

        var world = Oriented(seated.Pose);
        return world["pelvis"].Y - Feet(world).Min(p => p.Y);
    }

    /// <summary>Every point turned as the trunk is turned in space, before the figure is placed on its support (pelvis at the origin).</summary>
    public static Dictionary<string, Vector3> Oriented(BodyPose pose)
    {
        var trunk = Matrix4x4.CreateRotationX(Rad(-pose.Trunk.Roll)) * Matrix4x4.CreateRotationZ(Rad(pose.Trunk.Pitch));
        return BodyFrame(pose).ToDictionary(p => p.Key, p => Vector3.Transform(p.Value, trunk), StringComparer.Ordinal);
    }

    /// <summary>Where a point's surface is: a knee rests on its front, <see cref="Anthropometry.KneeAboveFloor"/> below its centre.</summary>
    private static float Resting(string name, Vector3 point) =>
        name.EndsWith(".knee", StringComparison.Ordinal) ? point.Y - (float)Anthropometry.KneeAboveFloor : point.Y;

    /// <summary>The points that touch what supports the figure (within <paramref name="tolerance"/> of height).</summary>
    public static IReadOnlyList<string> Contacts(FigurePoints figure, float tolerance = 0.01f)
    {
        var touching = figure.Points.Where(p => Math.Abs(Resting(p.Key, p.Value) - figure.Surface) <= tolerance).Select(p => p.Key).ToList();
        if (figure.Support == Support.Seat)
        {
            touching.AddRange(figure.Points.Where(p => p.Key.EndsWith(".heel", StringComparison.Ordinal) || p.Key.EndsWith(".toe", StringComparison.Ordinal))
                .Where(p => Math.Abs(p.Value.Y) <= tolerance).Select(p => p.Key));
        }

        return touching;
    }

    private static IEnumerable<Vector3> Feet(Dictionary<string, Vector3> points) =>
        points.Where(p => p.Key.EndsWith(".heel", StringComparison.Ordinal) || p.Key.EndsWith(".toe", StringComparison.Ordinal)).Select(p => p.Value);

    /// <summary>Every point in the body's own frame (pelvis at the origin, upright, z toward the working side).</summary>
    public static Dictionary<string, Vector3> BodyFrame(BodyPose pose)
    {
        var points = new Dictionary<string, Vector3>(StringComparer.Ordinal)
        {
            ["pelvis"] = Vector3.Zero,
            ["neck"] = new(0, (float)Anthropometry.Trunk, 0),
            ["head"] = new(0, (float)(Anthropometry.Trunk + Anthropometry.HeadAndNeck), 0),
        };
        Limb(points, "working", pose.Working, +1);
        Limb(points, "other", pose.Other, -1);

        // The head bends forward about the neck, then the spine bends sideways about the pelvis.
        var neck = points["neck"];
        points["head"] = neck + Vector3.Transform(points["head"] - neck, Matrix4x4.CreateRotationZ(Rad(-pose.Trunk.Neck)));
        var bend = Matrix4x4.CreateRotationX(Rad(-pose.Trunk.SideBend));
        foreach (var name in s_upperBody)
        {
            points[name] = Vector3.Transform(points[name], bend);
        }

        return points;
    }

    /// <summary>One leg and arm; <paramref name="side"/> is +1 for the working side (+z), -1 for the other.</summary>
    private static void Limb(Dictionary<string, Vector3> points, string name, LimbPose limb, int side)
    {
        var down = new Vector3(0, -1, 0);
        var hip = new Vector3(0, 0, side * (float)(Anthropometry.HipWidth / 2));

        // Rotation about the thigh's long axis, then abduction (out to the own side), then flexion.
        var thigh = Matrix4x4.CreateRotationY(Rad(-side * limb.HipRotation))
            * Matrix4x4.CreateRotationX(Rad(-side * limb.HipAbduction))
            * Matrix4x4.CreateRotationZ(Rad(limb.HipFlexion));
        var knee = hip + (Vector3.Transform(down, thigh) * (float)Anthropometry.Thigh);
        var shank = Matrix4x4.CreateRotationZ(Rad(-limb.Knee)) * thigh;
        var ankle = knee + (Vector3.Transform(down, shank) * (float)Anthropometry.Shank);
        var foot = Matrix4x4.CreateRotationZ(Rad(limb.Ankle)) * shank;
        var sole = -(float)Anthropometry.AnkleHeight;
        points[$"{name}.hip"] = hip;
        points[$"{name}.knee"] = knee;
        points[$"{name}.ankle"] = ankle;
        points[$"{name}.heel"] = ankle + Vector3.Transform(new Vector3(-(float)Anthropometry.HeelBehindAnkle, sole, 0), foot);
        points[$"{name}.toe"] = ankle + Vector3.Transform(new Vector3((float)(Anthropometry.FootLength - Anthropometry.HeelBehindAnkle), sole, 0), foot);

        var shoulder = new Vector3(0, (float)Anthropometry.Trunk, side * (float)(Anthropometry.ShoulderWidth / 2));
        var arm = Matrix4x4.CreateRotationZ(Rad(limb.Shoulder));
        var elbow = shoulder + (Vector3.Transform(down, arm) * (float)Anthropometry.UpperArm);
        var forearm = Matrix4x4.CreateRotationZ(Rad(limb.Elbow)) * arm;
        points[$"{name}.shoulder"] = shoulder;
        points[$"{name}.elbow"] = elbow;
        points[$"{name}.wrist"] = elbow + (Vector3.Transform(down, forearm) * (float)Anthropometry.Forearm);
    }

    private static float Rad(double degrees) => (float)(degrees * Math.PI / 180);
}
