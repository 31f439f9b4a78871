using System.Text.Json;

namespace HipRehab.Core.Movement;

/// <summary>
/// Reads a variant's <c>movement</c> (content/README.md, "movement") and reports every problem by
/// field: an unknown joint or key, an angle outside the human range, a missing or misplaced phase.
/// </summary>
public static class MovementReader
{
    /// <summary>
    /// The normal range of each joint in degrees, from the American Academy of Orthopaedic Surgeons'
    /// <i>Joint Motion: Method of Measuring and Recording</i> (Greene and Heckman, AAOS 1994): hip
    /// flexion 120 / extension 30, abduction 45 / adduction 30, internal and external rotation 45,
    /// knee flexion 135, ankle dorsiflexion 20 / plantar flexion 50, shoulder flexion 180 /
    /// extension 60, elbow flexion 150, thoracolumbar side bend 35, neck flexion and extension 45.
    /// Trunk pitch and roll are orientations in space.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Min, double Max)> Ranges = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["hipFlexion"] = (-30, 120),
        ["hipAbduction"] = (-30, 45),
        ["hipRotation"] = (-45, 45),
        ["knee"] = (0, 135),
        ["ankle"] = (-50, 20),
        ["shoulder"] = (-60, 180),
        ["elbow"] = (0, 150),
        ["pitch"] = (-135, 135),
        ["roll"] = (-90, 90),
        ["sideBend"] = (-35, 35),
        ["neck"] = (-45, 45),
    };

    private static readonly string[] s_limbJoints = ["hipFlexion", "hipAbduction", "hipRotation", "knee", "ankle", "shoulder", "elbow"];

    /// <summary>The movement, or null after reporting each problem through <paramref name="error"/> (field, message).</summary>
    public static MovementData? Read(JsonElement e, string at, bool needsHold, Action<string, string> error)
    {
        var failed = false;
        void Fail(string field, string message)
        {
            failed = true;
            error(field, message);
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            Fail(at, "must be an object with view, props and phases");
            return null;
        }

        Unknown(e, at, ["view", "props", "phases"], Fail);
        var view = EnumOf<View>(e, "view", at, Fail);
        var props = new List<Prop>();
        if (e.TryGetProperty("props", out var propsElement))
        {
            if (propsElement.ValueKind != JsonValueKind.Array)
            {
                Fail($"{at}.props", "must be a list");
            }
            else
            {
                var i = 0;
                foreach (var p in propsElement.EnumerateArray())
                {
                    if (p.ValueKind == JsonValueKind.String && Vocab<Prop>.TryParse(p.GetString()!, out var prop))
                    {
                        props.Add(prop);
                    }
                    else
                    {
                        Fail($"{at}.props[{i}]", $"'{p}' is not a prop ({string.Join(", ", Vocab<Prop>.Names)})");
                    }

                    i++;
                }
            }
        }

        var phases = new List<MovementPhase>();
        if (!e.TryGetProperty("phases", out var phasesElement) || phasesElement.ValueKind != JsonValueKind.Array || phasesElement.GetArrayLength() == 0)
        {
            Fail($"{at}.phases", "is required: a list of phases from start to return");
            return null;
        }

        BodyPose? previous = null;
        var index = 0;
        foreach (var p in phasesElement.EnumerateArray())
        {
            var pat = $"{at}.phases[{index++}]";
            if (p.ValueKind != JsonValueKind.Object)
            {
                Fail(pat, "must be an object");
                continue;
            }

            Unknown(p, pat, ["phase", "seconds", "holdFromDose", "pose"], Fail);
            var kind = EnumOf<PhaseKind>(p, "phase", pat, Fail);
            var holdFromDose = p.TryGetProperty("holdFromDose", out var h) && h.ValueKind == JsonValueKind.True;
            if (holdFromDose && kind != PhaseKind.Hold)
            {
                Fail($"{pat}.holdFromDose", "only a hold can last the dose's holdSeconds");
            }

            double seconds = 0;
            if (p.TryGetProperty("seconds", out var s))
            {
                if (s.ValueKind != JsonValueKind.Number || s.GetDouble() is < 0.2 or > 60)
                {
                    Fail($"{pat}.seconds", "must be a number of seconds from 0.2 to 60");
                }
                else
                {
                    seconds = s.GetDouble();
                }
            }
            else if (!holdFromDose)
            {
                Fail($"{pat}.seconds", "is required (or holdFromDose: true for a hold)");
            }

            BodyPose? pose;
            if (p.TryGetProperty("pose", out var poseElement))
            {
                pose = ReadPose(poseElement, $"{pat}.pose", previous, Fail);
            }
            else if (kind == PhaseKind.Return && phases.Count > 0)
            {
                pose = phases[0].Pose; // a return without a pose goes back to the start
            }
            else if (kind == PhaseKind.Hold && previous is not null)
            {
                pose = previous;
            }
            else
            {
                Fail($"{pat}.pose", "is required (only a hold or a return may leave it out)");
                pose = null;
            }

            if (kind is { } k && pose is not null)
            {
                phases.Add(new MovementPhase(k, seconds, holdFromDose, pose));
                previous = pose;
            }
        }

        var kinds = phases.Select(p => p.Kind).ToList();
        if (kinds.Count > 0)
        {
            if (kinds[0] != PhaseKind.Start || kinds.Count(k => k == PhaseKind.Start) != 1)
            {
                Fail($"{at}.phases", "must begin with the one 'start' phase");
            }

            if (!kinds.Contains(PhaseKind.Move))
            {
                Fail($"{at}.phases", "is missing a 'move' phase");
            }

            if (kinds[^1] != PhaseKind.Return)
            {
                Fail($"{at}.phases", "must end with a 'return' phase");
            }

            if (needsHold && !phases.Any(p => p.HoldFromDose))
            {
                Fail($"{at}.phases", "is missing a 'hold' phase with holdFromDose: true, which a dose with holdSeconds needs");
            }

            if (!needsHold && phases.Any(p => p.HoldFromDose))
            {
                Fail($"{at}.phases", "has a hold from the dose, but the dose has no holdSeconds");
            }
        }

        return failed || view is null ? null : new MovementData(view.Value, props, phases);
    }

    private static BodyPose? ReadPose(JsonElement e, string at, BodyPose? previous, Action<string, string> fail)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            fail(at, "must be an object");
            return null;
        }

        Unknown(e, at, ["support", "trunk", "working", "other"], fail);
        Support? support = previous?.Support;
        if (e.TryGetProperty("support", out _))
        {
            support = EnumOf<Support>(e, "support", at, fail);
        }
        else if (previous is null)
        {
            fail($"{at}.support", $"is required in the first pose ({string.Join(", ", Vocab<Support>.Names)})");
        }

        var trunk = previous?.Trunk ?? new TrunkPose(0, 0);
        if (e.TryGetProperty("trunk", out var t))
        {
            Unknown(t, $"{at}.trunk", ["pitch", "roll", "sideBend", "neck"], fail);
            trunk = new TrunkPose(
                Angle(t, "pitch", $"{at}.trunk", trunk.Pitch, fail), Angle(t, "roll", $"{at}.trunk", trunk.Roll, fail),
                Angle(t, "sideBend", $"{at}.trunk", trunk.SideBend, fail), Angle(t, "neck", $"{at}.trunk", trunk.Neck, fail));
        }

        var working = ReadLimb(e, "working", at, previous?.Working ?? LimbPose.Neutral, fail);
        var other = e.TryGetProperty("other", out var o) && o.ValueKind == JsonValueKind.String
            ? o.GetString() == "same" ? working : Invalid(fail, $"{at}.other", "must be a set of joint angles, or \"same\" for the working side's")
            : ReadLimb(e, "other", at, previous?.Other ?? LimbPose.Neutral, fail);
        return support is null || other is null ? null : new BodyPose(support.Value, trunk, working, other);
    }

    private static LimbPose? Invalid(Action<string, string> fail, string field, string message)
    {
        fail(field, message);
        return null;
    }

    private static LimbPose ReadLimb(JsonElement pose, string name, string at, LimbPose inherited, Action<string, string> fail)
    {
        if (!pose.TryGetProperty(name, out var e))
        {
            return inherited;
        }

        var lat = $"{at}.{name}";
        if (e.ValueKind != JsonValueKind.Object)
        {
            fail(lat, "must be an object of joint angles");
            return inherited;
        }

        Unknown(e, lat, s_limbJoints, fail);
        return new LimbPose(
            Angle(e, "hipFlexion", lat, inherited.HipFlexion, fail), Angle(e, "hipAbduction", lat, inherited.HipAbduction, fail),
            Angle(e, "hipRotation", lat, inherited.HipRotation, fail), Angle(e, "knee", lat, inherited.Knee, fail),
            Angle(e, "ankle", lat, inherited.Ankle, fail), Angle(e, "shoulder", lat, inherited.Shoulder, fail),
            Angle(e, "elbow", lat, inherited.Elbow, fail));
    }

    private static double Angle(JsonElement e, string joint, string at, double inherited, Action<string, string> fail)
    {
        if (!e.TryGetProperty(joint, out var value))
        {
            return inherited;
        }

        var (min, max) = Ranges[joint];
        if (value.ValueKind != JsonValueKind.Number)
        {
            fail($"{at}.{joint}", "must be a number of degrees");
            return inherited;
        }

        var degrees = value.GetDouble();
        if (degrees < min || degrees > max)
        {
            fail($"{at}.{joint}", $"{degrees}° is outside the human range {min}° to {max}°");
            return inherited;
        }

        return degrees;
    }

    private static void Unknown(JsonElement e, string at, string[] known, Action<string, string> fail)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in e.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                fail($"{at}.{property.Name}", $"is not a known field here (known: {string.Join(", ", known)})");
            }
        }
    }

    private static T? EnumOf<T>(JsonElement e, string name, string at, Action<string, string> fail) where T : struct, Enum
    {
        if (e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Vocab<T>.TryParse(value.GetString()!, out var parsed))
        {
            return parsed;
        }

        fail($"{at}.{name}", $"must be one of {string.Join(", ", Vocab<T>.Names)}");
        return null;
    }
}
