using System.Globalization;
using HipRehab.Core;
using HipRehab.Core.Assessment;
using HipRehab.Core.Library;
using HipRehab.Core.Outcomes;
using HipRehab.Core.Planning;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>
/// Records and reads outcome measures (docs/clinical-rules.md §5): validation, scoring and interpretation are
/// Core's (<see cref="OutcomeValidator"/>, <see cref="OutcomeScoring"/>, <see cref="PackScorer"/>);
/// this service loads, stores and maps. Interpretations are computed on every read, so a reviewed
/// threshold applies to old results as well. A Timed Up and Go updates the plan's fall risk (OM6 → CX3).
/// Shared by the API and the pages.
/// </summary>
public sealed class OutcomeService(AppDb db, InstrumentPacks packs, ExerciseLibrary library, EscalationService escalation, TimeProvider clock)
{
    /// <summary>A person's results are read whole to find baselines; this bounds a runaway history.</summary>
    public const int MaxResults = 2000;


    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Validates, scores and stores a result; returns it with its interpretation, or the field errors.</summary>
    public async Task<(OutcomeResponse? Response, IDictionary<string, string[]>? Errors)> RecordAsync(string userId, OutcomeRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var record = new OutcomeRecord
        {
            Id = Guid.CreateVersion7(), UserId = userId, Instrument = "", Date = default, Score = 0, CreatedAt = now,
        };

        if (packs.Find(request.Instrument) is { } pack)
        {
            var errors = new Dictionary<string, string[]>();
            OutcomeValidator.CheckDate(request.Date, today, (field, message) => errors[field] = [message]);
            var scored = PackScorer.Score(pack, request.Date ?? today, request.Answers);
            foreach (var (field, messages) in scored.Errors)
            {
                errors[field] = messages;
            }

            if (errors.Count > 0 || scored.Value is not { } result)
            {
                return (null, errors);
            }

            record.Instrument = pack.Id;
            record.Date = result.Date;
            record.Score = result.Score;
            record.Raw = result.Raw;
            record.PackVersion = pack.Version;
            record.AnswersJson = StoredJson.Write((request.Answers ?? new Dictionary<string, int?>()).Where(a => a.Value is not null).ToDictionary(a => a.Key, a => a.Value));
        }
        else
        {
            var validated = OutcomeValidator.Validate(request.ToForm(), today);
            if (!validated.IsValid)
            {
                var errors = new Dictionary<string, string[]>(validated.Errors);
                if (errors.ContainsKey("instrument"))
                {
                    errors["instrument"] = [UnknownInstrument(request.Instrument)];
                }

                return (null, errors);
            }

            var result = validated.Value!;
            record.Instrument = Vocab<Instrument>.Name(result.Instrument);
            record.Date = result.Date;
            record.Score = result.Score;
            record.ActivitiesJson = result.Instrument == Instrument.Psfs ? StoredJson.Write(result.Activities) : null;
        }

        await SaveAsync(userId, record, now, ct);

        // Escalation runs after every record (E3 reads the PSFS); the result is saved whatever it finds.
        await escalation.EvaluateAsync(userId, today, ct);

        var history = await HistoryAsync(userId, record.Instrument, ct);
        var facts = await FactsAsync(userId, ct);
        return (Interpreter(history, facts).Response(record), null);
    }

    /// <summary>The maximum tries to save a TUG together with the plan changes it causes.</summary>
    private const int SaveAttempts = 3;

    /// <summary>
    /// Saves the result, and for a TUG the plan changes it causes, in one transaction. A session logged
    /// at the same moment can move a plan item's revision; then nothing was saved, and the plan is read
    /// again and the change worked out afresh, so the result is never lost and never half-applied.
    /// </summary>
    private async Task SaveAsync(string userId, OutcomeRecord record, DateTime now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.Outcomes.Add(record);
            if (record.Instrument == ClinicalRecords.TugName)
            {
                await ApplyFallRiskAsync(userId, record, now, ct);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < SaveAttempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Every result, newest first (by its own date, then by entry), each with its interpretation.</summary>
    public async Task<List<OutcomeResponse>> ListAsync(string userId, CancellationToken ct)
    {
        var history = await HistoryAsync(userId, null, ct);
        var interpreter = Interpreter(history, await FactsAsync(userId, ct));
        return [.. history.OrderByDescending(r => r.Date).ThenByDescending(r => r.CreatedAt).Select(interpreter.Response)];
    }

    /// <summary>One of the person's results; null when there is none with that id (or it is someone else's).</summary>
    public async Task<OutcomeResponse?> GetAsync(string userId, Guid id, CancellationToken ct)
    {
        var instrument = await db.Outcomes.AsNoTracking().Where(o => o.Id == id && o.UserId == userId).Select(o => o.Instrument).FirstOrDefaultAsync(ct);
        if (instrument is null)
        {
            return null;
        }

        var history = await HistoryAsync(userId, instrument, ct);
        return Interpreter(history, await FactsAsync(userId, ct)).Response(history.Single(r => r.Id == id));
    }

    /// <summary>The measures due on <paramref name="date"/> (OS1), from the start of the person's first plan.</summary>
    public async Task<DueMeasuresResponse> DueAsync(string userId, DateOnly date, CancellationToken ct)
    {
        var start = await PlanStartAsync(db, userId, ct);
        if (start is not DateOnly planStart)
        {
            return new DueMeasuresResponse(date, null, null, []);
        }

        var history = await HistoryAsync(userId, null, ct);
        return Due(planStart, date, StoredOutcomes.BuiltIn(history));
    }

    /// <summary>The first day of the person's first plan, which the measurement schedule counts from (OS1); null without a plan.</summary>
    public static async Task<DateOnly?> PlanStartAsync(AppDb db, string userId, CancellationToken ct)
    {
        var created = await db.Plans.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Version)
            .Select(p => (DateTime?)p.CreatedAt).FirstOrDefaultAsync(ct);
        return created is DateTime c ? DateOnly.FromDateTime(c) : null;
    }

    public static DueMeasuresResponse Due(DateOnly planStart, DateOnly date, IEnumerable<OutcomeResult> history)
    {
        var due = OutcomeSchedule.Due(planStart, date, history);
        return new DueMeasuresResponse(date, planStart, OutcomeSchedule.CurrentWeek(planStart, date), [.. due.Select(d =>
        {
            var info = InstrumentCatalogue.Get(d.Instrument);
            return new DueMeasureResponse(Vocab<Instrument>.Name(d.Instrument), info.Name, d.Week, d.DueDate, d.Kind, d.RuleIds, info.HowTo);
        })]);
    }

    /// <summary>The person's results, oldest entry first (so a same-day tie keeps the first entered as the baseline).</summary>
    public async Task<List<OutcomeRecord>> HistoryAsync(string userId, string? instrument, CancellationToken ct)
    {
        var query = db.Outcomes.AsNoTracking().Where(o => o.UserId == userId);
        if (instrument is not null)
        {
            query = query.Where(o => o.Instrument == instrument);
        }

        var list = await query.OrderByDescending(o => o.CreatedAt).Take(MaxResults).ToListAsync(ct);
        list.Reverse();
        return list;
    }

    /// <summary>Age and sex for the chair-stand norms, from the latest intake (birth year and sex only).</summary>
    public async Task<(int BirthYear, Sex Sex)?> FactsAsync(string userId, CancellationToken ct)
    {
        var latest = await IntakeStore.LatestAsync(db, userId, ct);
        if (latest is null)
        {
            return null;
        }

        var form = StoredJson.Read<IntakeForm>(latest.FormJson);
        return form.BirthYear is int year && Vocab<Sex>.TryParse(form.Sex, out var sex) ? (year, sex) : null;
    }

    public OutcomeInterpreter Interpreter(IReadOnlyList<OutcomeRecord> history, (int BirthYear, Sex Sex)? facts) => new(history, facts, packs);

    private string UnknownInstrument(string? sent)
    {
        var names = Vocab<Instrument>.Names.Concat(packs.All.Select(p => p.Id));
        return sent is null
            ? $"Say which measure this is. Use one of: {string.Join(", ", names)}."
            : $"'{sent}' is not a known measure. Use one of: {string.Join(", ", names)}.";
    }

    /// <summary>
    /// Brings the current plan in line with the latest TUG (OM6 → CX3): on a change of fall risk the
    /// plan records it, and its items move to supported versions (or back from hold) as a clinician's
    /// precaution change would move them, each change kept as a decision in the item's history.
    /// </summary>
    private async Task ApplyFallRiskAsync(string userId, OutcomeRecord added, DateTime now, CancellationToken ct)
    {
        var tugs = await db.Outcomes.AsNoTracking().Where(o => o.UserId == userId && o.Instrument == ClinicalRecords.TugName)
            .OrderBy(o => o.CreatedAt).Select(o => new { o.Date, o.Score }).ToListAsync(ct);
        var fallRisk = OutcomeScoring.FallRisk(tugs.Select(t => new OutcomeResult(Instrument.Tug, t.Date, t.Score))
            .Append(new OutcomeResult(Instrument.Tug, added.Date, added.Score)));
        var plan = await db.Plans.Include(p => p.Items).Where(p => p.UserId == userId && p.Status != PlanStatus.Replaced)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (plan is null || plan.FallRisk == fallRisk)
        {
            return;
        }

        plan.FallRisk = fallRisk;
        var intake = await db.Intakes.AsNoTracking().FirstAsync(i => i.Id == plan.IntakeId && i.UserId == userId, ct);
        var today = DateOnly.FromDateTime(now);
        var (recorded, _) = await ClinicalRecords.PrecautionsAsync(db, userId, ct);
        var constraints = PersonConstraints.For(IntakeStore.Intake(intake, today), today, recorded, fallRisk);
        var changes = PlanConstraints.ApplyConstraints(plan.Items, library, constraints, null, null, now,
            cause: $"Your Timed Up and Go took {added.Score.ToString("0.##", CultureInfo.InvariantCulture)} seconds, so standing exercises are now done with support.",
            allowedAgainRuleIds: ["OM6", "CX3"],
            allowedAgainText: "Your latest Timed Up and Go was under 12 seconds, so your plan allows");
        db.Decisions.AddRange(changes);
    }
}

/// <summary>Interprets stored results against their instrument's baseline, for one person.</summary>
public sealed class OutcomeInterpreter
{
    private readonly (int BirthYear, Sex Sex)? _facts;
    private readonly InstrumentPacks _packs;
    private readonly Dictionary<string, OutcomeRecord> _baselines;

    internal OutcomeInterpreter(IReadOnlyList<OutcomeRecord> history, (int BirthYear, Sex Sex)? facts, InstrumentPacks packs)
    {
        _facts = facts;
        _packs = packs;
        // The earliest by its own date; among the same date, the first entered (history is in entry order).
        _baselines = history.GroupBy(r => r.Instrument, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).First(), StringComparer.Ordinal);
    }

    /// <summary>An instrument's name and direction: built-in, a loaded pack, or (for a pack no longer loaded) its id.</summary>
    public (string Name, ScoreDirection Direction) Describe(string instrument) =>
        Vocab<Instrument>.TryParse(instrument, out var builtIn) ? (InstrumentCatalogue.Get(builtIn).Name, InstrumentCatalogue.Get(builtIn).Direction)
        : _packs.Find(instrument) is { } pack ? (pack.Name, pack.Direction)
        : (instrument, ScoreDirection.HigherIsBetter);

    /// <summary>The first result of an instrument, or null.</summary>
    public OutcomeRecord? BaselineOf(string instrument) => _baselines.GetValueOrDefault(instrument);

    public OutcomeResponse Response(OutcomeRecord record) => new(record.Id, record.Instrument, record.Date, record.Score, Interpret(record),
        record.ActivitiesJson is null ? null : StoredJson.Read<List<PsfsActivity>>(record.ActivitiesJson),
        record.AnswersJson is null ? null : StoredJson.Read<Dictionary<string, int?>>(record.AnswersJson),
        record.Raw, record.CreatedAt);

    public InterpretationResponse Interpret(OutcomeRecord record)
    {
        var baseline = BaselineOf(record.Instrument);
        var compareWith = baseline is null || baseline.Id == record.Id ? null : baseline;
        if (Vocab<Instrument>.TryParse(record.Instrument, out var instrument))
        {
            var result = ToResult(record, instrument);
            var facts = _facts is { } f ? PersonFacts.From(f.BirthYear, f.Sex, record.Date) : new PersonFacts(0, Sex.Other);
            return InterpretationResponse.From(OutcomeScoring.Interpret(result, compareWith is null ? null : ToResult(compareWith, instrument), facts));
        }

        if (_packs.Find(record.Instrument) is { } pack)
        {
            var result = new PackResult(pack.Id, record.Date, record.Raw ?? record.Score, record.Score, 0);
            var first = compareWith is null ? null : new PackResult(pack.Id, compareWith.Date, compareWith.Raw ?? compareWith.Score, compareWith.Score, 0);
            return InterpretationResponse.From(PackScorer.Interpret(pack, result, first), pack.MeaningfulChangeSource);
        }

        // A pack the operator no longer loads: the stored score stands, without a reading of it.
        return new InterpretationResponse(
            $"Your score was {record.Score.ToString("0.##", CultureInfo.InvariantCulture)}. This questionnaire is not offered any more, so we cannot say more about it.",
            [], null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static OutcomeResult ToResult(OutcomeRecord r, Instrument instrument) =>
        new(instrument, r.Date, r.Score, r.ActivitiesJson is null ? [] : StoredJson.Read<List<PsfsActivity>>(r.ActivitiesJson));
}
