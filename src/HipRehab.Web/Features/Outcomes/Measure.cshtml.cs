using System.Globalization;
using HipRehab.Core.Outcomes;
using HipRehab.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>
/// Recording one progress check (OM1–OM7 or a licensed pack): the form its fields need, checked
/// and scored by <see cref="OutcomeService"/> exactly as <c>POST /api/v1/me/outcomes</c> is.
/// </summary>
[AuthorizePerson]
public sealed class MeasureModel(OutcomeService outcomes, InstrumentPacks packs) : PageModel
{
    /// <summary>PSFS: room for this many activities (3 to 5 are needed).</summary>
    public const int PsfsRows = 5;

    public InstrumentResponse Instrument { get; private set; } = null!;

    [BindProperty(Name = "date")] public string? Date { get; set; }

    [BindProperty(Name = "value")] public string? Value { get; set; }

    [BindProperty(Name = "seconds")] public string? Seconds { get; set; }

    [BindProperty(Name = "activityName")] public List<string?> ActivityNames { get; set; } = [];

    [BindProperty(Name = "activityScore")] public List<string?> ActivityScores { get; set; } = [];

    /// <summary>Pack answers by item id: the option's score as text.</summary>
    [BindProperty(Name = "answers")] public Dictionary<string, string?> Answers { get; set; } = [];

    public FormErrors Errors { get; private set; } = FormErrors.None("measure");

    public bool Is(string field) => Instrument.Fields.Contains(field);

    public IActionResult OnGet(string instrument)
    {
        if (!Find(instrument))
        {
            return NotFound();
        }

        Date = outcomes.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string instrument, CancellationToken ct)
    {
        if (!Find(instrument))
        {
            return NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var request = new OutcomeRequest
        {
            Instrument = Instrument.Id,
            Date = FormValues.Date("date", Date, errors),
            Value = Is("value") ? FormValues.Int("value", Value, errors) : null,
            Seconds = Is("seconds") ? FormValues.Decimal("seconds", Seconds, errors) : null,
            Activities = Is("activities") ? Activities(errors) : null,
            Answers = Is("answers") ? Answers.ToDictionary(a => a.Key, a => FormValues.Int($"answers.{a.Key}", a.Value, errors)) : null,
        };
        var (saved, refused) = errors.Count > 0 ? (null, errors) : await outcomes.RecordAsync(User.UserId(), request, ct);
        if (saved is not null)
        {
            TempData["SavedOutcomeId"] = saved.Id;
            return Redirect("/me/measures");
        }

        Errors = new FormErrors("measure", new Dictionary<string, string[]>(refused!), field => field switch
        {
            "date" => "date",
            "value" => Instrument.Id is "nprs" or "pgic" ? "value-group" : "value",
            "seconds" => "seconds",
            "activities" => "activities-group",
            _ => "measure-form",
        });
        return Page();
    }

    /// <summary>The PSFS rows that were filled in; an empty row is left out.</summary>
    private List<PsfsActivityForm> Activities(Dictionary<string, string[]> errors)
    {
        var list = new List<PsfsActivityForm>();
        for (var i = 0; i < Math.Max(ActivityNames.Count, ActivityScores.Count); i++)
        {
            var name = i < ActivityNames.Count ? ActivityNames[i]?.Trim() : null;
            var score = i < ActivityScores.Count ? ActivityScores[i] : null;
            if (string.IsNullOrEmpty(name) && string.IsNullOrWhiteSpace(score))
            {
                continue;
            }

            list.Add(new PsfsActivityForm { Name = name, Score = FormValues.Int($"activities[{list.Count}].score", score, errors) });
        }

        return list;
    }

    private bool Find(string instrument)
    {
        Instrument = InstrumentList.All(packs).FirstOrDefault(i => i.Id == instrument)!;
        return Instrument is not null;
    }

    public static IReadOnlyList<Choice> PgicChoices { get; } =
        [.. OutcomeScoring.PgicAnswers.Select((label, i) => new Choice((i + 1).ToString(CultureInfo.InvariantCulture), char.ToUpperInvariant(label[0]) + label[1..]))];
}
