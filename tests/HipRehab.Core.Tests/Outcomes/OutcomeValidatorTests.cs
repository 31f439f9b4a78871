using HipRehab.Core.Outcomes;

namespace HipRehab.Core.Tests.Outcomes;

public class OutcomeValidatorTests
{
    private static readonly DateOnly s_today = Intakes.Today;

    private static PsfsActivityForm A(string? name, int? score) => new() { Name = name, Score = score };

    private static OutcomeForm Psfs(params PsfsActivityForm[] activities) =>
        new() { Instrument = "psfs", Date = s_today, Activities = activities };

    [Fact]
    public void Psfs_ThreeActivities_ScoresTheMean()
    {
        var v = OutcomeValidator.Validate(Psfs(A("Stairs", 4), A("Walking 1 km", 5), A("Putting on socks", 6)), s_today);
        Assert.True(v.IsValid);
        Assert.Equal(5m, v.Value!.Score);
        Assert.Equal(3, v.Value.Activities.Count);
    }

    [Fact]
    public void Psfs_MeanOfThirds_IsRoundedToTwoPlaces()
    {
        var v = OutcomeValidator.Validate(Psfs(A("a", 4), A("b", 5), A("c", 5)), s_today);
        Assert.Equal(4.67m, v.Value!.Score);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    public void Psfs_FewerThanThreeOrMoreThanFiveActivities_IsRefused(int count)
    {
        var v = OutcomeValidator.Validate(Psfs([.. Enumerable.Range(1, count).Select(i => A($"activity {i}", 5))]), s_today);
        Assert.False(v.IsValid);
        Assert.Contains("activities", v.Errors.Keys);
    }

    [Fact]
    public void Psfs_MissingActivities_IsRefused()
    {
        var v = OutcomeValidator.Validate(new OutcomeForm { Instrument = "psfs", Date = s_today }, s_today);
        Assert.Contains("activities", v.Errors.Keys);
    }

    [Fact]
    public void Psfs_BadActivity_NamesItsField()
    {
        var v = OutcomeValidator.Validate(Psfs(A("Stairs", 4), A(" ", 11), A("stairs", 2)), s_today);
        Assert.False(v.IsValid);
        Assert.Contains("activities[1].name", v.Errors.Keys);
        Assert.Contains("activities[1].score", v.Errors.Keys);
        Assert.Contains("activities[2].name", v.Errors.Keys); // the same activity twice
    }

    [Theory]
    [InlineData("nprs", -1)]
    [InlineData("nprs", 11)]
    [InlineData("pgic", 0)]
    [InlineData("pgic", 8)]
    [InlineData("sane", 101)]
    [InlineData("chair-stand-30s", -1)]
    [InlineData("chair-stand-30s", null)]
    public void Value_OutOfRangeOrMissing_IsRefusedOnValue(string instrument, int? value)
    {
        var v = OutcomeValidator.Validate(new OutcomeForm { Instrument = instrument, Date = s_today, Value = value }, s_today);
        Assert.False(v.IsValid);
        Assert.Equal(["value"], v.Errors.Keys);
    }

    [Theory]
    [InlineData("nprs", 0)]
    [InlineData("nprs", 10)]
    [InlineData("pgic", 1)]
    [InlineData("pgic", 7)]
    [InlineData("sane", 0)]
    [InlineData("sane", 100)]
    [InlineData("chair-stand-30s", 0)]
    public void Value_AtTheEdgesOfItsRange_IsAccepted(string instrument, int value)
    {
        var v = OutcomeValidator.Validate(new OutcomeForm { Instrument = instrument, Date = s_today, Value = value }, s_today);
        Assert.True(v.IsValid);
        Assert.Equal(value, v.Value!.Score);
    }

    [Theory]
    [InlineData("tug", null)]
    [InlineData("tug", "0")]
    [InlineData("fast-walk-40m", "-3")]
    [InlineData("fast-walk-40m", "601")]
    public void Seconds_MissingOrOutOfRange_IsRefusedOnSeconds(string instrument, string? seconds)
    {
        var form = new OutcomeForm { Instrument = instrument, Date = s_today, Seconds = seconds is null ? null : decimal.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture) };
        var v = OutcomeValidator.Validate(form, s_today);
        Assert.Equal(["seconds"], v.Errors.Keys);
    }

    [Fact]
    public void Instrument_UnknownOrMissing_IsRefused()
    {
        Assert.Contains("instrument", OutcomeValidator.Validate(new OutcomeForm { Instrument = "hoos", Date = s_today, Value = 3 }, s_today).Errors.Keys);
        Assert.Contains("instrument", OutcomeValidator.Validate(new OutcomeForm { Date = s_today, Value = 3 }, s_today).Errors.Keys);
        Assert.Contains("instrument", OutcomeValidator.Validate(new OutcomeForm { Instrument = "NPRS", Date = s_today, Value = 3 }, s_today).Errors.Keys);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-366)]
    public void Date_InTheFutureOrOverAYearBack_IsRefused(int offset)
    {
        var v = OutcomeValidator.Validate(new OutcomeForm { Instrument = "nprs", Date = s_today.AddDays(offset), Value = 3 }, s_today);
        Assert.Equal(["date"], v.Errors.Keys);
    }

    [Fact]
    public void Date_ExactlyAYearBack_IsAccepted_AsABackEnteredRecord()
    {
        var v = OutcomeValidator.Validate(new OutcomeForm { Instrument = "nprs", Date = s_today.AddDays(-365), Value = 3 }, s_today);
        Assert.True(v.IsValid);
        Assert.Equal(s_today.AddDays(-365), v.Value!.Date);
    }

    [Fact]
    public void Null_IsRefusedOnBody() =>
        Assert.Contains("body", OutcomeValidator.Validate(null, s_today).Errors.Keys);
}
