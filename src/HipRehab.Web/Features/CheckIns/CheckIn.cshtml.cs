using System.Globalization;
using System.Text.RegularExpressions;
using HipRehab.Web.Features.Alerts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.CheckIns;

/// <summary>
/// The morning check-in (J3): usual pain, whether the last session's pain settled, and warning
/// signs. <see cref="CheckInService.RecordAsync"/> decides what it means; this page shows the
/// alerts it raised, the most urgent first.
/// </summary>
[AuthorizePerson]
public sealed partial class CheckInModel(CheckInService checkIns, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "date")] public string? Date { get; set; }
    [BindProperty(Name = "usualPain")] public string? UsualPain { get; set; }
    [BindProperty(Name = "settled")] public string? Settled { get; set; }
    [BindProperty(Name = "redFlags")] public List<string> RedFlags { get; set; } = [];

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The recorded check-in, once saved.</summary>
    public CheckInResponse? Saved { get; private set; }

    public string Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    public void OnGet() => Date = Today;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (DateOnly.TryParseExact(Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
            }
            else
            {
                Errors["date"] = "Enter the date like 2026-11-26 (year, month, day).";
            }
        }

        int? pain = int.TryParse(UsualPain, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null;
        bool? settled = Settled switch { "yes" => true, "no" => false, _ => null };
        if (Errors.Count > 0)
        {
            return Page();
        }

        var (response, errors) = await checkIns.RecordAsync(User.UserId(), new CheckInRequest(date, pain, settled, RedFlags), ct);
        if (errors is not null)
        {
            foreach (var (key, messages) in errors)
            {
                var field = key switch
                {
                    "settledSinceLastSession" => "settled",
                    _ => IndexSuffix().Replace(key, ""),
                };
                Errors[field] = field switch
                {
                    "usualPain" => "Choose a number from 0 to 10 for your usual pain.",
                    "settled" => "Choose yes or no.",
                    _ => string.Join(" ", messages),
                };
            }

            return Page();
        }

        Saved = response;
        return Page();
    }

    public IReadOnlyList<AlertResponse> AlertsUrgentFirst => Saved is null ? [] : [.. AlertWords.UrgentFirst(Saved.Alerts)];

    public static string AnchorFor(string key) => key switch
    {
        "usualPain" => "usualPain-0",
        "settled" => "settled-yes",
        "redFlags" => "redFlags-fall-cannot-bear-weight",
        _ => key,
    };

    [GeneratedRegex(@"\[\d+\]$")]
    private static partial Regex IndexSuffix();
}
