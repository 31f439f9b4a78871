using System.Globalization;
using System.Numerics;
using System.Text;
using HipRehab.Core.Movement;
using static HipRehab.Web.Features.Exercises.DemonstrationDrawing;

namespace HipRehab.Web.Features.Exercises;

/// <summary>
/// One repetition of a movement laid out for drawing: the frames (key poses, and the moving
/// phases sampled six times a second), the box they fit in, and the props placed around them.
/// </summary>
internal sealed class Scene
{
    private const string PropLine = "#64748b";
    private const string PropFill = "#f1f5f9";
    private const string Band = "#15803d";
    private const string Strap = "#7c3aed";

    private readonly MovementData _movement;
    private readonly float _seat;

    public Scene(MovementData movement, int? holdSeconds)
    {
        _movement = movement;
        _seat = Figure.SeatHeightFor(movement);
        var frames = movement.DrawnFrames(holdSeconds).Select(f => Make(f.Seconds, f.Pose)).ToList();
        var keys = new List<Frame>();
        var at = 0.0;
        var previous = movement.Phases[0].Pose;
        Frame? hold = null;
        foreach (var phase in movement.Phases)
        {
            var length = MovementData.Length(phase, holdSeconds);
            if (phase.Kind == PhaseKind.Hold && phase.Pose == previous)
            {
                HoldStart = at;
                HoldEnd = at + length;
                hold = frames.Last(f => f.At <= at + 1e-9);
            }

            if (phase.Kind is PhaseKind.Start or PhaseKind.Move && !keys.Any(k => k.Pose == phase.Pose))
            {
                keys.Add(Make(at + length, phase.Pose));
            }

            at += length;
            previous = phase.Pose;
        }

        Frames = frames;
        Duration = at;
        KeyFrames = keys;
        var start = movement.Phases[0].Pose;
        Peak = hold ?? keys.Skip(1).DefaultIfEmpty(keys[0]).MaxBy(k => Distance(k.Pose, start))!;

        var points = frames.SelectMany(f => f.Projected.Values).ToList();
        var minX = points.Min(p => p.X) - 6;
        var maxX = points.Max(p => p.X) + 6;
        var minY = points.Min(p => p.Y) - 8;
        var maxY = Math.Max(points.Max(p => p.Y) + 4, movement.View == View.Top ? float.MinValue : 2);
        foreach (var r in PropBoxes())
        {
            minX = Math.Min(minX, r.X);
            maxX = Math.Max(maxX, r.X + r.W);
            minY = Math.Min(minY, r.Y);
            maxY = Math.Max(maxY, r.Y + r.H);
        }

        // Room for the figure to be the same size in any view: at least as wide as it is tall.
        var w = maxX - minX;
        var hgt = maxY - minY;
        if (w < hgt * 0.75f)
        {
            minX -= ((hgt * 0.75f) - w) / 2;
            w = hgt * 0.75f;
        }

        Box = new Rect(minX - 4, minY - 4, w + 8, hgt + 8);
    }

    public IReadOnlyList<Frame> Frames { get; }

    public IReadOnlyList<Frame> KeyFrames { get; }

    public Frame Peak { get; }

    public double Duration { get; }

    public double HoldStart { get; }

    public double HoldEnd { get; }

    public Rect Box { get; }

    private bool Has(Prop prop) => _movement.Props.Contains(prop);

    private static double Distance(BodyPose a, BodyPose b)
    {
        static double Limb(LimbPose x, LimbPose y) => Math.Abs(x.HipFlexion - y.HipFlexion) + Math.Abs(x.HipAbduction - y.HipAbduction)
            + Math.Abs(x.HipRotation - y.HipRotation) + Math.Abs(x.Knee - y.Knee) + Math.Abs(x.Ankle - y.Ankle);
        return Limb(a.Working, b.Working) + Limb(a.Other, b.Other) + Math.Abs(a.Trunk.Pitch - b.Trunk.Pitch) + Math.Abs(a.Trunk.SideBend - b.Trunk.SideBend);
    }

    private Frame Make(double at, BodyPose pose)
    {
        var figure = Figure.Solve(pose, _movement.Props, _seat);
        var projected = figure.Points.ToDictionary(p => p.Key, p => Project(p.Value), StringComparer.Ordinal);
        return new Frame(at, pose, figure, projected);
    }

    private Vector2 Project(Vector3 p) => _movement.View switch
    {
        // From the working side: forward to the right, up is up.
        View.Side => new Vector2(p.X * 100, -p.Y * 100),

        // Facing the viewer: the person's working (right) side on the viewer's left.
        View.Front => new Vector2(-p.Z * 100, -p.Y * 100),

        // From above, head to the left: the person's right side toward the bottom.
        _ => new Vector2(p.X * 100, p.Z * 100),
    };

    private IEnumerable<Frame> Seated => Frames.Where(f => f.Figure.Support == Support.Seat);

    /// <summary>The room each prop takes, so the box holds it.</summary>
    private IEnumerable<Rect> PropBoxes()
    {
        var sb = new StringBuilder();
        foreach (var r in Props(sb))
        {
            yield return r;
        }
    }

    public void DrawProps(StringBuilder sb) => Props(sb);

    /// <summary>Writes the fixed props and returns the room they take.</summary>
    private List<Rect> Props(StringBuilder sb)
    {
        var boxes = new List<Rect>();
        void Box(float x, float y, float w, float h, string extra = "")
        {
            boxes.Add(new Rect(x, y, w, h));
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{Num(w)}\" height=\"{Num(h)}\" fill=\"{PropFill}\" stroke=\"{PropLine}\" stroke-width=\"1.2\"{extra}/>");
        }

        var all = Frames.SelectMany(f => f.Projected.Values).ToList();
        float MinX(Func<Frame, float> f) => Frames.Min(f);
        float MaxX(Func<Frame, float> f) => Frames.Max(f);
        var bodyMin = all.Min(p => p.X);
        var bodyMax = all.Max(p => p.X);
        var surface = -Frames[0].Figure.Surface * 100;

        if (_movement.View == View.Top)
        {
            if (Has(Prop.Mat) || Has(Prop.Bed))
            {
                Box(bodyMin - 6, all.Min(p => p.Y) - 6, bodyMax - bodyMin + 12, all.Max(p => p.Y) - all.Min(p => p.Y) + 12, " rx=\"3\"");
            }

            return boxes;
        }

        if (Has(Prop.Bed))
        {
            Box(bodyMin - 6, surface, bodyMax - bodyMin + 12, -surface, " rx=\"2\"");
        }
        else if (Has(Prop.Mat))
        {
            Box(bodyMin - 6, -1.5f, bodyMax - bodyMin + 12, 1.5f, " rx=\"0.7\"");
        }

        if (Has(Prop.Chair))
        {
            Chair(sb, boxes);
        }

        if (Has(Prop.Wall))
        {
            // In front of the hands from the side; from the front, on the side the working leg presses
            // toward, or else beside the other hand.
            var toWorkingSide = _movement.View == View.Front && KeyFrames.Any(k => k.Pose.Working.HipAbduction > 0);
            var x = _movement.View == View.Side
                ? MaxX(f => Math.Max(f["working.wrist"].X, f["other.wrist"].X)) + 1.5f
                : toWorkingSide ? MinX(f => f.Projected.Values.Min(p => p.X)) - 5.5f : MaxX(f => f.Projected.Values.Max(p => p.X)) + 1.5f;
            Box(x, -110, 4, 110);
        }

        if (Has(Prop.Step) && _movement.View == View.Side)
        {
            var foot = Peak;
            Box(foot["working.heel"].X - 8, -Figure.StepHeight * 100, foot["working.toe"].X - foot["working.heel"].X + 20, Figure.StepHeight * 100);
        }

        if (Has(Prop.Anchor))
        {
            var (x, y) = Anchor();
            Box(x - 2, y - 2, 4, 4);
        }

        // The floor.
        boxes.Add(new Rect(bodyMin - 10, 0, bodyMax - bodyMin + 20, 1));
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"-500\" y1=\"0\" x2=\"500\" y2=\"0\" stroke=\"{PropLine}\" stroke-width=\"1.5\"/>");
        return boxes;
    }

    private (float X, float Y) Anchor()
    {
        var f = Frames[0];
        var outward = Math.Sign(f["other.ankle"].X - f["working.ankle"].X);
        return (f["other.ankle"].X + (outward * 28), -5);
    }

    private void Chair(StringBuilder sb, List<Rect> boxes)
    {
        void Line(float x1, float y1, float x2, float y2)
        {
            boxes.Add(new Rect(Math.Min(x1, x2) - 1, Math.Min(y1, y2) - 1, Math.Abs(x2 - x1) + 2, Math.Abs(y2 - y1) + 2));
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Num(x1)}\" y1=\"{Num(y1)}\" x2=\"{Num(x2)}\" y2=\"{Num(y2)}\" stroke=\"{PropLine}\" stroke-width=\"2\" stroke-linecap=\"round\"/>");
        }

        var seated = Seated.FirstOrDefault();
        var lowest = Frames.MinBy(f => f.Figure["pelvis"].Y)!;
        if (_movement.View == View.Side)
        {
            float seatX;
            float seatY;
            if (seated is not null)
            {
                seatX = seated["pelvis"].X;
                seatY = -_seat * 100;
            }
            else if (lowest.Figure["pelvis"].Y < 0.40f)
            {
                // Sitting back toward a chair: its seat just under the lowest point of the squat.
                seatX = lowest["pelvis"].X;
                seatY = (-lowest.Figure["pelvis"].Y * 100) + 5;
            }
            else
            {
                // A chair to hold: its back under the hands, the seat away from the person.
                var hand = Frames.Max(f => Math.Max(f["working.wrist"].X, f["other.wrist"].X)) + 1;
                var top = Frames.Min(f => Math.Min(f["working.wrist"].Y, f["other.wrist"].Y));
                Line(hand, top, hand, 0);
                Line(hand, -46, hand + 24, -46);
                Line(hand + 24, -46, hand + 24, 0);
                return;
            }

            var back = seatX - 18;
            Line(back, seatY, seatX + 8, seatY);
            Line(back, seatY - 32, back, 0);
            Line(seatX + 8, seatY, seatX + 8, 0);
            return;
        }

        if (seated is not null)
        {
            var y = -_seat * 100;
            var cx = seated["pelvis"].X;
            Line(cx - 16, y, cx + 16, y);
            Line(cx - 15, y, cx - 15, 0);
            Line(cx + 15, y, cx + 15, 0);
            return;
        }

        // Front view: a chair beside the other hand.
        var side = Frames.Max(f => f.Projected.Values.Max(p => p.X)) + 2;
        var hold = Frames.Min(f => f["other.wrist"].Y);
        Line(side, hold, side, 0);
        Line(side + 18, hold, side + 18, 0);
        Line(side, -46, side + 18, -46);
    }

    /// <summary>The props that move with the body: a band, a strap, an ankle weight.</summary>
    public void DrawMovingProps(StringBuilder sb, IReadOnlyList<Frame> frames, string? timing)
    {
        void Poly(string part, string color, float width, Func<Frame, Vector2[]> points)
        {
            static string Pts(Vector2[] ps) => string.Join(" ", ps.Select(p => $"{Num(p.X)},{Num(p.Y)}"));
            sb.Append(CultureInfo.InvariantCulture, $"<polyline class=\"dm-l\" data-part=\"{part}\" points=\"{Pts(points(frames[0]))}\" stroke=\"{color}\" stroke-width=\"{Num(width)}\"");
            sb.Append(timing is null ? "/>" : $"><animate attributeName=\"points\" {timing} values=\"{string.Join(";", frames.Select(f => Pts(points(f))))}\"/></polyline>");
        }

        if (Has(Prop.Band))
        {
            if (Has(Prop.Anchor))
            {
                var (x, y) = Anchor();
                Poly("band", Band, 1.6f, f => [f["working.ankle"], new Vector2(x, y)]);
            }
            else
            {
                var joint = _movement.Phases[0].Pose.Working.Knee >= 45 ? "knee" : "ankle";
                Poly("band", Band, 1.6f, f => [f[$"working.{joint}"], f[$"other.{joint}"]]);
            }
        }

        if (Has(Prop.Strap))
        {
            Poly("strap", Strap, 1.4f, f => [f["working.wrist"], f["working.toe"], f["other.wrist"]]);
        }

        if (Has(Prop.AnkleWeight))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<circle data-part=\"ankle-weight\" cx=\"{Num(frames[0]["working.ankle"].X)}\" cy=\"{Num(frames[0]["working.ankle"].Y)}\" r=\"3.2\" fill=\"#334155\"");
            sb.Append(timing is null ? "/>" : $"><animate attributeName=\"cx\" {timing} values=\"{string.Join(";", frames.Select(f => Num(f["working.ankle"].X)))}\"/><animate attributeName=\"cy\" {timing} values=\"{string.Join(";", frames.Select(f => Num(f["working.ankle"].Y)))}\"/></circle>");
        }
    }
}
