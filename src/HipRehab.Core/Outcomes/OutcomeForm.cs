namespace HipRehab.Core.Outcomes;

/// <summary>
/// An outcome measure as a client sends it (docs/api.md <c>POST /api/v1/me/outcomes</c>): every field
/// optional and loosely typed so that validation, not deserialization, names what is wrong.
/// </summary>
public sealed record OutcomeForm
{
    public string? Instrument { get; init; }
    public DateOnly? Date { get; init; }

    /// <summary>NPRS 0–10, PGIC 1–7, SANE 0–100, chair stand: full stands in 30 s.</summary>
    public int? Value { get; init; }

    /// <summary>TUG and the 40 m walk: seconds taken.</summary>
    public decimal? Seconds { get; init; }

    /// <summary>PSFS: the activities and their ratings.</summary>
    public IReadOnlyList<PsfsActivityForm>? Activities { get; init; }
}

/// <summary>One PSFS activity as sent.</summary>
public sealed record PsfsActivityForm
{
    public string? Name { get; init; }
    public int? Score { get; init; }
}

/// <summary>One rated PSFS activity.</summary>
/// <param name="Name">The activity in the person's words.</param>
/// <param name="Score">0 (cannot do it) to 10 (as before the problem).</param>
public sealed record PsfsActivity(string Name, int Score);

/// <summary>
/// A validated outcome result. <see cref="Score"/> is the instrument's one number: the rating,
/// the PSFS mean, the count of stands or the seconds taken.
/// </summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Date">The day it was measured (back-entered results keep their own day).</param>
/// <param name="Score">The score.</param>
/// <param name="Activities">PSFS only: the activities rated; otherwise empty.</param>
public sealed record OutcomeResult(Instrument Instrument, DateOnly Date, decimal Score, IReadOnlyList<PsfsActivity> Activities)
{
    /// <summary>A result without activities (every instrument but PSFS).</summary>
    public OutcomeResult(Instrument instrument, DateOnly date, decimal score) : this(instrument, date, score, []) { }
}
