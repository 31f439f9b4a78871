using System.Numerics;
using System.Text.Json;
using HipRehab.Core.Movement;

namespace HipRehab.Core.Tests.Movement;

public sealed class MovementModelTests
{
    private static MovementData? Read(string json, bool needsHold, List<string> errors) =>
        MovementReader.Read(JsonDocument.Parse(json).RootElement, "variants[0].movement", needsHold, (f, m) => errors.Add($"{f}: {m}"));

    private const string SideLift = """
        {
          "view": "front",
          "props": ["mat"],
          "phases": [
            { "phase": "start", "seconds": 1, "pose": { "support": "ground", "trunk": { "pitch": 0, "roll": 90 }, "working": { "hipFlexion": 10 }, "other": { "hipFlexion": 10 } } },
            { "phase": "move", "seconds": 2, "pose": { "working": { "hipAbduction": 30 } } },
            { "phase": "return", "seconds": 2 }
          ]
        }
        """;

    [Fact]
    public void Reader_ReadsPhases_InheritingWhatALaterPoseLeavesOut_AndReturningToTheStart()
    {
        var errors = new List<string>();
        var movement = Read(SideLift, needsHold: false, errors);
        Assert.Empty(errors);
        Assert.NotNull(movement);
        Assert.Equal([PhaseKind.Start, PhaseKind.Move, PhaseKind.Return], movement.Phases.Select(p => p.Kind));
        var move = movement.Phases[1].Pose;
        Assert.Equal(30, move.Working.HipAbduction);
        Assert.Equal(10, move.Working.HipFlexion); // inherited
        Assert.Equal(90, move.Trunk.Roll);         // inherited
        Assert.Equal(movement.Phases[0].Pose, movement.Phases[2].Pose);
        Assert.Equal(5, movement.Duration(null));
    }

    [Theory]
    [InlineData("\"working\": { \"hipAbduction\": 30 }", "\"working\": { \"hipTwist\": 30 }", "variants[0].movement.phases[1].pose.working.hipTwist: is not a known field")]
    [InlineData("\"working\": { \"hipAbduction\": 30 }", "\"working\": { \"hipAbduction\": 80 }", "variants[0].movement.phases[1].pose.working.hipAbduction: 80° is outside the human range -30° to 45°")]
    [InlineData("{ \"phase\": \"return\", \"seconds\": 2 }", "{ \"phase\": \"hold\", \"seconds\": 2 }", "variants[0].movement.phases: must end with a 'return' phase")]
    [InlineData("\"phase\": \"move\"", "\"phase\": \"hold\"", "variants[0].movement.phases: is missing a 'move' phase")]
    [InlineData("\"view\": \"front\"", "\"view\": \"above\"", "variants[0].movement.view: must be one of side, front, top")]
    public void Reader_NamesTheField_OfEveryProblem(string from, string to, string expected)
    {
        var errors = new List<string>();
        Assert.Contains(from, SideLift, StringComparison.Ordinal);
        Assert.Null(Read(SideLift.Replace(from, to, StringComparison.Ordinal), needsHold: false, errors));
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reader_RequiresAHoldFromTheDose_WhenTheDoseHolds()
    {
        var errors = new List<string>();
        Assert.Null(Read(SideLift, needsHold: true, errors));
        Assert.Contains(errors, e => e.Contains("missing a 'hold' phase", StringComparison.Ordinal));
    }

    [Fact]
    public void SegmentLengths_AreWintersProportionsOfHeight()
    {
        var standing = Figure.Solve(new BodyPose(Support.Feet, new TrunkPose(0, 0), LimbPose.Neutral, LimbPose.Neutral), [], 0);
        Assert.Equal(0.245, Vector3.Distance(standing["working.hip"], standing["working.knee"]), 3);
        Assert.Equal(0.246, Vector3.Distance(standing["working.knee"], standing["working.ankle"]), 3);
        Assert.Equal(0.152, Vector3.Distance(standing["working.heel"] with { Y = 0 }, standing["working.toe"] with { Y = 0 }), 3);
        Assert.Equal(0.186, Vector3.Distance(standing["other.shoulder"], standing["other.elbow"]), 3);
        Assert.Equal(0.146, Vector3.Distance(standing["other.elbow"], standing["other.wrist"]), 3);
        // Winter's landmarks: the hip joint at 0.530 H, the shoulder at 0.818 H, the head's top at 1.000 H.
        Assert.Equal(0.530, standing["pelvis"].Y, 3);
        Assert.Equal(0.818, standing["neck"].Y, 3);
        Assert.Equal(1.000, standing["head"].Y, 3);
        Assert.Equal(0, standing.Lowest, 3);
    }

    [Fact]
    public void Joints_MoveTheWayTheirNamesSay()
    {
        static FigurePoints Stand(LimbPose working) => Figure.Solve(new BodyPose(Support.Feet, new TrunkPose(0, 0), working, LimbPose.Neutral), [], 0);
        var neutral = Stand(LimbPose.Neutral);
        Assert.True(Stand(LimbPose.Neutral with { HipFlexion = 45 })["working.knee"].X > 0.1, "flexion takes the knee forward");
        Assert.True(Stand(LimbPose.Neutral with { HipFlexion = -20 })["working.knee"].X < -0.05, "extension takes it behind the body");
        Assert.True(Stand(LimbPose.Neutral with { HipAbduction = 30 })["working.ankle"].Z > neutral["working.ankle"].Z + 0.1, "abduction takes the leg out to its side");
        var crossed = Stand(LimbPose.Neutral with { HipAbduction = -20 });
        Assert.True(crossed["working.ankle"].Z < crossed["pelvis"].Z, "adduction crosses the midline");
        var turnedOut = Stand(LimbPose.Neutral with { HipFlexion = 90, Knee = 90, HipRotation = 30 });
        var turnedIn = Stand(LimbPose.Neutral with { HipFlexion = 90, Knee = 90, HipRotation = -30 });
        Assert.True(turnedOut["working.ankle"].Z < turnedIn["working.ankle"].Z, "seated, turning the hip out swings the foot in toward the other leg");
    }

    [Fact]
    public void TheOtherSide_IsTheReflectedPose()
    {
        var pose = new BodyPose(Support.Ground, new TrunkPose(0, 90), LimbPose.Neutral with { HipFlexion = 40, HipAbduction = 25, Knee = 30 }, LimbPose.Neutral with { HipFlexion = 40 });
        var figure = Figure.Solve(pose, [Prop.Mat], 0);
        var mirrored = figure.Mirrored();
        foreach (var name in Figure.PointNames)
        {
            Assert.Equal(figure[name].X, mirrored[name].X, 5);
            Assert.Equal(figure[name].Y, mirrored[name].Y, 5);
            Assert.Equal(-figure[name].Z, mirrored[name].Z, 5);
        }
    }

    [Fact]
    public void Figure_RestsOnItsSupport_NeitherFloatingNorSinking()
    {
        var errors = new List<string>();
        var movement = Read(SideLift, false, errors)!;
        foreach (var pose in movement.Frames(null))
        {
            var figure = Figure.Solve(pose, movement.Props, 0);
            Assert.Equal(0, figure.Lowest, 2);
            Assert.NotEmpty(Figure.Contacts(figure));
        }

        var onBed = Figure.Solve(movement.Phases[0].Pose, [Prop.Bed], 0);
        Assert.Equal(Figure.BedHeight, onBed.Lowest, 2);

        var seated = new BodyPose(Support.Seat, new TrunkPose(0, 0), LimbPose.Neutral with { HipFlexion = 90, Knee = 90 }, LimbPose.Neutral with { HipFlexion = 90, Knee = 90 });
        var chair = new MovementData(View.Side, [Prop.Chair], [new MovementPhase(PhaseKind.Start, 1, false, seated)]);
        var seat = Figure.SeatHeightFor(chair);
        var sitting = Figure.Solve(seated, chair.Props, seat);
        Assert.Equal(seat, sitting["pelvis"].Y, 3);
        Assert.Contains("working.heel", Figure.Contacts(sitting));
        Assert.Equal(Anthropometry.Shank + Anthropometry.AnkleHeight, seat, 2);
    }

    [Fact]
    public void Demands_AreDerivedFromThePoses_AndADifferenceNamesTheDemandTheJointAndTheAngle()
    {
        var movement = Read(SideLift, false, [])!;
        var derived = MovementDemands.Derive(movement, null);
        Assert.Equal([Demand.ActiveAbduction, Demand.Lying, Demand.SideLying], derived.Keys.Order());
        Assert.Empty(MovementDemands.Compare(movement, null, [Demand.Lying, Demand.SideLying, Demand.ActiveAbduction]));

        var deep = Read(SideLift.Replace("\"hipAbduction\": 30", "\"hipAbduction\": 30, \"hipFlexion\": 100", StringComparison.Ordinal), false, [])!;
        var problems = MovementDemands.Compare(deep, null, [Demand.Lying, Demand.SideLying, Demand.ActiveAbduction]);
        Assert.Equal("the poses make the demand 'hip-flexion-over-90' (working.hipFlexion 100), which the variant does not declare", Assert.Single(problems));

        var missing = MovementDemands.Compare(movement, null, [Demand.Lying, Demand.SideLying, Demand.ActiveAbduction, Demand.Kneeling]);
        Assert.Equal("the variant declares 'kneeling', but no pose makes it", Assert.Single(missing));
    }

    [Fact]
    public void KneelingAndStandingOnOneLeg_AreReadFromWhereTheFigureTouches()
    {
        // Half-kneeling: the back knee on the floor, the front foot flat.
        var kneel = new BodyPose(Support.Ground, new TrunkPose(0, 0),
            LimbPose.Neutral with { HipFlexion = -10, Knee = 80, Ankle = -50 }, LimbPose.Neutral with { HipFlexion = 90, Knee = 90 });
        var kneeling = new MovementData(View.Side, [Prop.Mat], [new(PhaseKind.Start, 1, false, kneel), new(PhaseKind.Move, 1, false, kneel), new(PhaseKind.Return, 1, false, kneel)]);
        var derived = MovementDemands.Derive(kneeling, null);
        Assert.Contains(Demand.Kneeling, derived.Keys);
        Assert.Contains(Demand.HipExtensionPastNeutral, derived.Keys);
        Assert.DoesNotContain(Demand.Standing, derived.Keys);

        var stand = new BodyPose(Support.Feet, new TrunkPose(0, 0), LimbPose.Neutral, LimbPose.Neutral);
        var lift = stand with { Working = LimbPose.Neutral with { HipAbduction = 25 } };
        var standing = new MovementData(View.Front, [Prop.Chair], [new(PhaseKind.Start, 1, false, stand), new(PhaseKind.Move, 1, false, lift), new(PhaseKind.Return, 1, false, stand)]);
        Assert.Equal([Demand.ActiveAbduction, Demand.Standing, Demand.SingleLegStance], MovementDemands.Derive(standing, null).Keys.Order());
    }
}
