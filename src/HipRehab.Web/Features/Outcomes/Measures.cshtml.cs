using System.Globalization;
using HipRehab.Core.Lifestyle;
using HipRehab.Web.Features.Lifestyle;
using HipRehab.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>
/// Progress checks (OM1–OM7 and any licensed pack), weight and activity: what is due, the list of
/// checks to record, and two small forms. Saves through the same services as the API.
/// </summary>
[AuthorizePerson]
public sealed class MeasuresModel(OutcomeService outcomes, LifestyleService lifestyle, InstrumentPacks packs) : PageModel
{
    public IReadOnlyList<InstrumentResponse> Instruments { get; private set; } = [];

    public IReadOnlyList<DueMeasureResponse> Due { get; private set; } = [];

    /// <summary>The check just saved, with what it means.</summary>
    public OutcomeResponse? Saved { get; private set; }

    [TempData] public Guid? SavedOutcomeId { get; set; }

    [TempData] public string? Done { get; set; }

    [BindProperty(Name = "weightDate")] public string? WeightDate { get; set; }

    [BindProperty(Name = "weightKg")] public string? WeightKg { get; set; }

    [BindProperty(Name = "activityDate")] public string? ActivityDate { get; set; }

    [BindProperty(Name = "minutes")] public string? Minutes { get; set; }

    [BindProperty(Name = "kind")] public string? Kind { get; set; }

    public FormErrors WeightErrors { get; private set; } = FormErrors.None("weight");

    public FormErrors ActivityErrors { get; private set; } = FormErrors.None("activity");

    public string Today => outcomes.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IReadOnlyList<Choice> KindChoices { get; } =
        [.. LifestyleService.Kinds.Select(k => new Choice(k, char.ToUpperInvariant(k[0]) + k[1..].Replace('-', ' ')))];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (SavedOutcomeId is Guid id)
        {
            Saved = await outcomes.GetAsync(User.UserId(), id, ct);
        }

        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostWeightAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var form = new BodyMeasurementForm { Date = FormValues.Date("date", WeightDate, errors), WeightKg = FormValues.Decimal("weightKg", WeightKg, errors) };
        var (created, refused) = errors.Count > 0 ? (null, errors) : await lifestyle.AddWeightAsync(User.UserId(), form, ct);
        if (created is not null)
        {
            Done = "weight";
            return Redirect("/me/measures#weight");
        }

        WeightErrors = new FormErrors("weight", new Dictionary<string, string[]>(refused!), f => f == "date" ? "weight-date" : "weight-kg");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActivityAsync(CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var request = new ActivityRequest(FormValues.Date("date", ActivityDate, errors), FormValues.Int("minutes", Minutes, errors), Kind);
        var (created, refused) = errors.Count > 0 ? (null, errors) : await lifestyle.AddActivityAsync(User.UserId(), request, ct);
        if (created is not null)
        {
            Done = "activity";
            return Redirect("/me/measures#activity");
        }

        ActivityErrors = new FormErrors("activity", new Dictionary<string, string[]>(refused!), f => f switch
        {
            "date" => "activity-date",
            "minutes" => "activity-minutes",
            _ => "kind-group",
        });
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Instruments = InstrumentList.All(packs);
        Due = (await outcomes.DueAsync(User.UserId(), outcomes.Today, ct)).Due;
        WeightDate ??= Today;
        ActivityDate ??= Today;
    }
}
