using System.Globalization;
using System.Numerics;
using System.Text;
using HipRehab.Core.Library;
using HipRehab.Core.Movement;

namespace HipRehab.Web.Features.Exercises;

/// <summary>Which hip a drawing shows working.</summary>
public enum DrawnSide
{
    Right,
    Left,
}

/// <summary>What a drawing shows.</summary>
public enum DrawingMode
{
    /// <summary>One repetition looping in real time, with its hold; the still strip instead under reduced motion.</summary>
    Animated,

    /// <summary>The key poses side by side.</summary>
    Still,

    /// <summary>One key pose, small, for a list.</summary>
    Thumbnail,
}

/// <summary>
/// Draws a variant's movement (<see cref="MovementData"/>) as SVG from the figure Core solves
/// (<see cref="Figure"/>): segments are polylines whose points SMIL animates, so the drawing moves
/// without any script, in an <c>img</c> as well as inline. The working leg and arm are orange, the
/// other side grey. The right side is drawn; the left is its mirror image. Units are hundredths of
/// the figure's height.
/// </summary>
public static class DemonstrationDrawing
{
    /// <summary>Changes whenever the drawing code changes what it draws, so cached drawings are replaced.</summary>
    public const string RendererVersion = "1";

    private const float HeadRadius = 6.5f;
    private const float Margin = 6;
    private const string Working = "#c2410c";
    private const string Other = "#64748b";
    private const string Body = "#475569";
    private const string Skin = "#e2e8f0";

    private static readonly string[] s_parts = ["other-leg", "other-arm", "neck", "torso", "working-leg", "working-arm"];

    /// <summary>The drawing of <paramref name="variant"/> with a hold of <paramref name="holdSeconds"/> (the dose's), or null when it has no movement.</summary>
    /// <param name="variant">The exercise.</param>
    /// <param name="holdSeconds">The hold to draw (the person's dose, or the default dose).</param>
    /// <param name="side">The working side.</param>
    /// <param name="mode">Moving, still strip, or thumbnail.</param>
    /// <param name="idPrefix">Makes the ids inside unique when several drawings share a page.</param>
    public static string? Render(ExerciseVariant variant, int? holdSeconds, DrawnSide side, DrawingMode mode, string idPrefix = "demo")
    {
        if (variant.Movement is not { } movement)
        {
            return null;
        }

        var scene = new Scene(movement, holdSeconds);
        var sb = new StringBuilder(8192);
        var title = mode == DrawingMode.Animated ? $"{variant.Name}: how to do it, moving" : $"{variant.Name}: how to do it, step by step";
        var stills = mode == DrawingMode.Thumbnail ? [scene.Peak] : scene.KeyFrames;
        var strip = StripBox(scene, stills.Count);

        var outer = mode == DrawingMode.Animated ? scene.Box : strip;
        sb.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="{Num(outer.X)} {Num(outer.Y)} {Num(outer.W)} {Num(outer.H)}" role="img" aria-labelledby="{idPrefix}-title {idPrefix}-desc" class="demonstration" data-view="{Vocab(movement.View)}" data-side="{(side == DrawnSide.Right ? "right" : "left")}" """);
        if (mode == DrawingMode.Animated)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""data-duration="{Num(scene.Duration)}" data-hold-start="{Num(scene.HoldStart)}" data-hold-end="{Num(scene.HoldEnd)}" """);
        }

        sb.Append('>');
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{idPrefix}-title\">{Escape(title)}</title>");
        sb.Append(CultureInfo.InvariantCulture, $"<desc id=\"{idPrefix}-desc\">{Escape(string.Join(" ", variant.Steps.Select((s, i) => $"{i + 1}. {s}")))}</desc>");
        // The page's own styles may reach into an inline drawing, so these are specific enough to win.
        sb.Append("<style>svg .dm-l{fill:none;stroke-linecap:round;stroke-linejoin:round}svg svg.dm-s{display:none}")
          .Append("@media (prefers-reduced-motion:reduce){svg svg.dm-m{display:none}svg svg.dm-s{display:inline}}</style>");

        if (mode == DrawingMode.Animated)
        {
            // The moving figure, and its still strip for people who ask for less motion.
            sb.Append(CultureInfo.InvariantCulture, $"""<svg class="dm-m" x="{Num(outer.X)}" y="{Num(outer.Y)}" width="{Num(outer.W)}" height="{Num(outer.H)}" viewBox="{Num(outer.X)} {Num(outer.Y)} {Num(outer.W)} {Num(outer.H)}">""");
            Mirror(sb, side, scene.Box, () => Animated(sb, scene));
            sb.Append("</svg>");
            sb.Append(CultureInfo.InvariantCulture, $"""<svg class="dm-s" x="{Num(outer.X)}" y="{Num(outer.Y)}" width="{Num(outer.W)}" height="{Num(outer.H)}" viewBox="{Num(strip.X)} {Num(strip.Y)} {Num(strip.W)} {Num(strip.H)}">""");
            Strip(sb, scene, stills, side);
            sb.Append("</svg>");
        }
        else
        {
            Strip(sb, scene, stills, side);
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Mirror(StringBuilder sb, DrawnSide side, Rect box, Action draw)
    {
        if (side == DrawnSide.Left)
        {
            // Reflect about the box's centre line, so the mirror image fills the same box.
            sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"matrix(-1 0 0 1 {Num((2 * box.X) + box.W)} 0)\">");
            draw();
            sb.Append("</g>");
        }
        else
        {
            draw();
        }
    }

    private static Rect StripBox(Scene scene, int panels) =>
        new(scene.Box.X, scene.Box.Y, (scene.Box.W * panels) + (Margin * (panels - 1)), scene.Box.H);

    private static void Strip(StringBuilder sb, Scene scene, IReadOnlyList<Frame> stills, DrawnSide side)
    {
        for (var i = 0; i < stills.Count; i++)
        {
            var dx = i * (scene.Box.W + Margin);
            sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({Num(dx)} 0)\">");
            Mirror(sb, side, scene.Box, () =>
            {
                scene.DrawProps(sb);
                foreach (var part in s_parts)
                {
                    Part(sb, part, stills[i].Part(part), null);
                }

                Head(sb, stills[i].Head, null);
                scene.DrawMovingProps(sb, [stills[i]], null);
            });
            if (stills.Count > 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Num(scene.Box.X + 2)}\" y=\"{Num(scene.Box.Y + 12)}\" font-size=\"12\" font-weight=\"bold\" font-family=\"sans-serif\" fill=\"#334155\">{i + 1}</text>");
            }

            sb.Append("</g>");
        }
    }

    private static void Animated(StringBuilder sb, Scene scene)
    {
        var timing = $"dur=\"{Num(scene.Duration)}s\" repeatCount=\"indefinite\" keyTimes=\"{string.Join(";", scene.Frames.Select(f => Num(f.At / scene.Duration, 4)))}\"";
        scene.DrawProps(sb);
        foreach (var part in s_parts)
        {
            Part(sb, part, scene.Frames[0].Part(part), $"<animate attributeName=\"points\" {timing} values=\"{string.Join(";", scene.Frames.Select(f => Points(f.Part(part))))}\"/>");
        }

        Head(sb, scene.Frames[0].Head,
            $"<animate attributeName=\"cx\" {timing} values=\"{string.Join(";", scene.Frames.Select(f => Num(f.Head.X)))}\"/>"
            + $"<animate attributeName=\"cy\" {timing} values=\"{string.Join(";", scene.Frames.Select(f => Num(f.Head.Y)))}\"/>");
        scene.DrawMovingProps(sb, scene.Frames, timing);
    }

    private static void Part(StringBuilder sb, string part, IReadOnlyList<Vector2> points, string? animation)
    {
        var (stroke, width, fill) = part switch
        {
            "working-leg" => (Working, 4.5f, "none"),
            "working-arm" => (Body, 3.2f, "none"), // only the working leg is orange: an orange arm read as a leg
            "other-leg" => (Other, 4.5f, "none"),
            "other-arm" => (Other, 3.2f, "none"),
            "neck" => (Body, 3.5f, "none"),
            _ => (Body, 3.5f, Skin),
        };
        var cls = fill == "none" ? "dm-l" : "dm-l dm-t";
        var tag = part == "torso" ? "polygon" : "polyline";
        sb.Append(CultureInfo.InvariantCulture, $"<{tag} class=\"{cls}\" data-part=\"{part}\" points=\"{Points(points)}\" stroke=\"{stroke}\" stroke-width=\"{Num(width)}\"");
        if (fill != "none")
        {
            sb.Append(CultureInfo.InvariantCulture, $" style=\"fill:{fill}\"");
        }

        if (animation is null)
        {
            sb.Append("/>");
        }
        else
        {
            sb.Append('>').Append(animation).Append(CultureInfo.InvariantCulture, $"</{tag}>");
        }
    }

    private static void Head(StringBuilder sb, Vector2 at, string? animation)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<circle data-part=\"head\" cx=\"{Num(at.X)}\" cy=\"{Num(at.Y)}\" r=\"{Num(HeadRadius)}\" fill=\"{Skin}\" stroke=\"{Body}\" stroke-width=\"2.5\"");
        sb.Append(animation is null ? "/>" : $">{animation}</circle>");
    }

    private static string Points(IReadOnlyList<Vector2> points) => string.Join(" ", points.Select(p => $"{Num(p.X)},{Num(p.Y)}"));

    internal static string Num(float value, int digits = 1) => Math.Round(value, digits).ToString(CultureInfo.InvariantCulture);

    internal static string Num(double value, int digits = 1) => Math.Round(value, digits).ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Vocab<T>(T value) where T : struct, Enum => HipRehab.Core.Vocab<T>.Name(value);

    /// <summary>A rectangle in drawing units.</summary>
    internal readonly record struct Rect(float X, float Y, float W, float H);

    /// <summary>One drawn moment: the figure projected onto the view, and when in the repetition it is.</summary>
    internal sealed record Frame(double At, BodyPose Pose, FigurePoints Figure, IReadOnlyDictionary<string, Vector2> Projected)
    {
        public Vector2 this[string name] => Projected[name];

        public Vector2 Head => this["neck"] + ((this["head"] - this["neck"]) * 0.64f);

        public IReadOnlyList<Vector2> Part(string part) => part switch
        {
            "working-leg" => Leg("working"),
            "other-leg" => Leg("other"),
            "working-arm" => [this["working.shoulder"], this["working.elbow"], this["working.wrist"]],
            "neck" => [this["neck"], Head],
            "other-arm" => [this["other.shoulder"], this["other.elbow"], this["other.wrist"]],
            _ => [this["other.hip"], this["working.hip"], this["working.shoulder"], this["other.shoulder"]],
        };

        private Vector2[] Leg(string side) =>
            [this[$"{side}.hip"], this[$"{side}.knee"], this[$"{side}.ankle"], this[$"{side}.heel"], this[$"{side}.toe"], this[$"{side}.ankle"]];
    }
}
