using HipRehab.Core.Library;
using HipRehab.Core.Movement;

namespace HipRehab.Core.Tests.Movement;

/// <summary>The shipped library's movement data: it rests on its support and says what the variant declares.</summary>
public sealed class LibraryMovementTests
{
    private static IEnumerable<ExerciseVariant> WithMovement() =>
        TestLibrary.Library.Families.SelectMany(f => f.Variants).Where(v => v.Movement is not null);

    [Fact]
    public void EveryFrame_RestsOnItsSupport_WithinOnePercentOfHeight()
    {
        var checkedFrames = 0;
        foreach (var variant in WithMovement())
        {
            var movement = variant.Movement!;
            var seat = Figure.SeatHeightFor(movement);
            foreach (var pose in movement.Frames(variant.DefaultDose.HoldSeconds))
            {
                var figure = Figure.Solve(pose, movement.Props, seat);
                var contacts = Figure.Contacts(figure);
                var feet = contacts.Count(c => c.EndsWith(".heel", StringComparison.Ordinal) || c.EndsWith(".toe", StringComparison.Ordinal));
                switch (pose.Support)
                {
                    case Support.Feet:
                        Assert.True(feet > 0, $"{variant.Id}: standing with no foot on the floor");
                        Assert.Equal(0, figure.Lowest, 2);
                        break;
                    case Support.Seat:
                        Assert.Equal(seat, figure["pelvis"].Y, 2);
                        Assert.True(feet > 0, $"{variant.Id}: seated with the feet off the floor");
                        Assert.True(figure.Lowest >= -0.01f, $"{variant.Id}: a foot sinks into the floor");
                        break;
                    default:
                        Assert.Equal(figure.Surface, figure.Lowest, 2);
                        break;
                }

                checkedFrames++;
            }
        }

        Assert.True(checkedFrames > 100, $"only {checkedFrames} frames were checked");
    }

    [Fact]
    public void PosesThatExceedTheDeclaredDemands_StopTheLibrary_NamingTheVariantTheDemandTheJointAndTheAngle()
    {
        var files = TestLibrary.Files();
        var squat = files.Single(f => f.FileName == "squat.json");
        // The mini squat declares only "standing"; sink it to 100° of hip flexion.
        var deeper = squat.Json.Replace("\"hipFlexion\": 50,", "\"hipFlexion\": 100,", StringComparison.Ordinal);
        Assert.NotEqual(squat.Json, deeper);

        var result = LibraryLoader.Load(files.Select(f => f == squat ? f with { Json = deeper } : f));
        Assert.Null(result.Library);
        Assert.Contains(result.Errors, e => e.StartsWith("squat.json: variants[2].movement: variant 'squat-mini-holding-chair': the poses make the demand 'hip-flexion-over-90' (working.hipFlexion 100)", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryVariantOfEveryFamily_HasMovementData()
    {
        var variants = TestLibrary.Library.Families.SelectMany(f => f.Variants).ToList();
        Assert.Equal(10, TestLibrary.Library.Families.Count);
        Assert.Empty(variants.Where(v => v.Movement is null).Select(v => v.Id));
        Assert.True(LibraryLoader.Load(TestLibrary.Files(), movementRequired: true).Library is not null);
    }

    [Fact]
    public void AVariantWithoutMovement_StopsTheLibrary_WhenMovementIsRequired()
    {
        var files = TestLibrary.Files();
        var bridge = files.Single(f => f.FileName == "glute-bridge.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(bridge.Json)!;
        node["variants"]![2]!.AsObject().Remove("movement");
        var stripped = files.Select(f => f == bridge ? f with { Json = node.ToJsonString() } : f).ToList();

        var required = LibraryLoader.Load(stripped, movementRequired: true);
        Assert.Null(required.Library);
        var missing = Assert.Single(required.Errors, e => e.Contains(".movement: is required", StringComparison.Ordinal));
        Assert.StartsWith("glute-bridge.json: variants[2].movement: is required", missing, StringComparison.Ordinal);

        // A clinic's own exercise may leave it out (it is shown without a drawing).
        Assert.NotNull(LibraryLoader.Load(stripped).Library);
    }
}
