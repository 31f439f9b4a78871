using HipRehab.Core.Assessment;

namespace HipRehab.Core.Tests;

/// <summary>The intake form against docs/api.md: every problem is keyed by the exact camelCase field path.</summary>
public class IntakeValidatorTests
{
    private static readonly DateOnly s_today = Intakes.Today;

    /// <summary>The docs/api.md example body.</summary>
    private static IntakeForm ValidForm() => new()
    {
        BirthYear = 1958,
        Sex = "female",
        HeightCm = 165m,
        WeightKg = 80m,
        PainSide = "left",
        PainLocation = "groin",
        Cause = "osteoarthritis",
        PainNow = 4,
        PainWorstLastWeek = 6,
        SymptomWeeks = 26,
        Surgery = new SurgeryForm { Kind = "total-hip-replacement", Approach = "posterior", Date = new DateOnly(2026, 10, 20) },
        RedFlags = [],
        Pregnant = false,
        Osteoporosis = false,
        Abilities = new AbilitiesForm { GetDownToFloor = true, Kneel = false, StandWithoutSupport = true },
        Equipment = ["chair", "wall", "resistance-band", "anchor-point"],
        Goals = ["walking", "stairs"],
    };

    private static void AssertOnlyError(IntakeForm form, string field)
    {
        var result = IntakeValidator.Validate(form, s_today);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        Assert.Equal([field], result.Errors.Keys);
        Assert.NotEmpty(result.Errors[field]);
        Assert.All(result.Errors[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public void Validate_TheApiExample_Passes_AndKeepsEveryAnswer()
    {
        var result = IntakeValidator.Validate(ValidForm(), s_today);

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var intake = result.Value!;
        Assert.Equal(1958, intake.BirthYear);
        Assert.Equal(Sex.Female, intake.Sex);
        Assert.Equal(PainSide.Left, intake.PainSide);
        Assert.Equal(PainLocation.Groin, intake.PainLocation);
        Assert.Equal(Cause.Osteoarthritis, intake.Cause);
        Assert.Equal(4, intake.PainNow);
        Assert.Equal(new Surgery(SurgeryKind.TotalHipReplacement, SurgeryApproach.Posterior, new DateOnly(2026, 10, 20)), intake.Surgery);
        Assert.Equal(new Abilities(GetDownToFloor: true, Kneel: false, StandWithoutSupport: true), intake.Abilities);
        Assert.Equal(new HashSet<Equipment> { Equipment.Chair, Equipment.Wall, Equipment.ResistanceBand, Equipment.AnchorPoint }, intake.Equipment);
        Assert.Equal(new HashSet<Goal> { Goal.Walking, Goal.Stairs }, intake.Goals);
        Assert.Empty(intake.RedFlags);
    }

    [Fact]
    public void Validate_EveryKnownRedFlag_Passes()
    {
        var form = ValidForm() with { RedFlags = [.. Vocab<RedFlag>.Names] };
        var result = IntakeValidator.Validate(form, s_today);
        Assert.True(result.IsValid);
        Assert.Equal(Enum.GetValues<RedFlag>().Length, result.Value!.RedFlags.Count);
    }

    [Fact]
    public void Validate_NoSurgery_Passes() =>
        Assert.True(IntakeValidator.Validate(ValidForm() with { Surgery = null }, s_today).IsValid);

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void Validate_PainNowOutOfRange_IsKeyedPainNow(int pain) => AssertOnlyError(ValidForm() with { PainNow = pain }, "painNow");

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Validate_PainNowAtTheEndsOfTheScale_Passes(int pain) =>
        Assert.True(IntakeValidator.Validate(ValidForm() with { PainNow = pain }, s_today).IsValid);

    [Fact]
    public void Validate_MissingPainNow_IsKeyedPainNow() => AssertOnlyError(ValidForm() with { PainNow = null }, "painNow");

    [Fact]
    public void Validate_PainWorstLastWeekOutOfRange_IsKeyedPainWorstLastWeek() =>
        AssertOnlyError(ValidForm() with { PainWorstLastWeek = 12 }, "painWorstLastWeek");

    [Fact]
    public void Validate_UnknownSex_IsKeyedSex() => AssertOnlyError(ValidForm() with { Sex = "x" }, "sex");

    [Fact]
    public void Validate_SexInWrongCase_IsKeyedSex() => AssertOnlyError(ValidForm() with { Sex = "Female" }, "sex");

    [Fact]
    public void Validate_UnknownPainSide_IsKeyedPainSide() => AssertOnlyError(ValidForm() with { PainSide = "middle" }, "painSide");

    [Fact]
    public void Validate_UnknownPainLocation_IsKeyedPainLocation() =>
        AssertOnlyError(ValidForm() with { PainLocation = "knee" }, "painLocation");

    [Fact]
    public void Validate_UnknownCause_IsKeyedCause() => AssertOnlyError(ValidForm() with { Cause = "gremlins" }, "cause");

    [Fact]
    public void Validate_UnknownSecondRedFlag_IsKeyedByItsIndex() =>
        AssertOnlyError(ValidForm() with { RedFlags = ["sudden-severe-pain", "headache"] }, "redFlags[1]");

    [Fact]
    public void Validate_UnknownFirstEquipment_IsKeyedByItsIndex() =>
        AssertOnlyError(ValidForm() with { Equipment = ["rowing-machine", "chair"] }, "equipment[0]");

    [Fact]
    public void Validate_UnknownFirstGoal_IsKeyedByItsIndex() =>
        AssertOnlyError(ValidForm() with { Goals = ["marathon"] }, "goals[0]");

    [Fact]
    public void Validate_UnknownSurgeryApproach_IsKeyedSurgeryApproach() =>
        AssertOnlyError(ValidForm() with { Surgery = ValidForm().Surgery! with { Approach = "sideways" } }, "surgery.approach");

    [Fact]
    public void Validate_UnknownSurgeryKind_IsKeyedSurgeryKind() =>
        AssertOnlyError(ValidForm() with { Surgery = ValidForm().Surgery! with { Kind = "knee-replacement" } }, "surgery.kind");

    [Fact]
    public void Validate_BirthYearInTheFuture_IsKeyedBirthYear() =>
        AssertOnlyError(ValidForm() with { BirthYear = s_today.Year + 1 }, "birthYear");

    [Fact]
    public void Validate_MissingBirthYear_IsKeyedBirthYear() => AssertOnlyError(ValidForm() with { BirthYear = null }, "birthYear");

    [Fact]
    public void Validate_SurgeryDateTomorrow_IsKeyedSurgeryDate() =>
        AssertOnlyError(ValidForm() with { Surgery = ValidForm().Surgery! with { Date = s_today.AddDays(1) } }, "surgery.date");

    [Fact]
    public void Validate_SurgeryToday_Passes() =>
        Assert.True(IntakeValidator.Validate(ValidForm() with { Surgery = ValidForm().Surgery! with { Date = s_today } }, s_today).IsValid);

    [Theory]
    [InlineData("getDownToFloor")]
    [InlineData("kneel")]
    [InlineData("standWithoutSupport")]
    public void Validate_MissingAbility_IsKeyedByItsPath(string ability)
    {
        var abilities = ability switch
        {
            "getDownToFloor" => ValidForm().Abilities! with { GetDownToFloor = null },
            "kneel" => ValidForm().Abilities! with { Kneel = null },
            _ => ValidForm().Abilities! with { StandWithoutSupport = null },
        };
        AssertOnlyError(ValidForm() with { Abilities = abilities }, $"abilities.{ability}");
    }

    [Fact]
    public void Validate_NoAbilitiesAtAll_NamesEachAbility()
    {
        var result = IntakeValidator.Validate(ValidForm() with { Abilities = null }, s_today);
        Assert.False(result.IsValid);
        Assert.Equal(
            ["abilities.getDownToFloor", "abilities.kneel", "abilities.standWithoutSupport"],
            result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachUnderItsOwnField()
    {
        var form = ValidForm() with { PainNow = 11, Sex = "x", Goals = ["walking", "marathon"] };
        var result = IntakeValidator.Validate(form, s_today);
        Assert.Equal(["goals[1]", "painNow", "sex"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_NoForm_IsAnError() => Assert.False(IntakeValidator.Validate(null, s_today).IsValid);

    [Theory]
    [InlineData("female", true)]
    [InlineData("other", true)]
    [InlineData("male", false)]
    public void Validate_MissingPregnancyAnswer_IsRequiredUnlessMale(string sex, bool required)
    {
        var result = IntakeValidator.Validate(ValidForm() with { Sex = sex, Pregnant = null }, s_today);
        Assert.Equal(required, result.Errors.ContainsKey("pregnant"));
        Assert.Equal(!required, result.IsValid);
    }
}
