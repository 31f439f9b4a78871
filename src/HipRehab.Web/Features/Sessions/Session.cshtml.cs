using System.Globalization;
using System.Text.RegularExpressions;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using HipRehab.Web.Features.Plans;
using HipRehab.Core.Planning;
using HipRehab.Web.Features.Today;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Sessions;

/// <summary>One exercise of the session form as typed: text, so that anything entered is shown again as it was.</summary>
public sealed class ExerciseInput
{
    public string? PlanItemId { get; set; }
    public string? CompletedSets { get; set; }
    public string? CompletedReps { get; set; }
    public string? CompletedHoldSeconds { get; set; }
    public string? PainDuring { get; set; }
    public string? Effort { get; set; }
    public string? Note { get; set; }
    public bool Skipped { get; set; }
}

/// <summary>An exercise on the session page: the plan item and the library's steps for it.</summary>
public sealed record SessionExercise(PlanItemResponse Item, ExerciseVariant? Variant);

/// <summary>
/// The session: a plain form (works without JavaScript) that <c>/js/player.js</c> turns into a
/// guided player. It carries a fresh idempotency key and the start time, so pressing "Save" twice
/// stores one session (<see cref="SessionService.LogAsync"/> replays the first answer).
/// </summary>
[AuthorizePerson]
public sealed partial class SessionModel(AppDb db, TodayService today, PlanService plans, SessionService sessions,
    ExerciseLibrary library, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "key")] public string? Key { get; set; }
    [BindProperty(Name = "performedAt")] public string? PerformedAt { get; set; }
    [BindProperty(Name = "painBefore")] public string? PainBefore { get; set; }
    [BindProperty(Name = "painAfter")] public string? PainAfter { get; set; }
    [BindProperty(Name = "exercises")] public List<ExerciseInput> Exercises { get; set; } = [];

    public IReadOnlyList<SessionExercise> Items { get; private set; } = [];

    /// <summary>True when nothing was due today and the page offers the whole plan instead.</summary>
    public bool NothingDue { get; private set; }

    public bool HasPlan { get; private set; }

    public bool Paused { get; private set; }

    public string? PausedReason { get; private set; }

    /// <summary>E5: a pain rating of 8 or more today means no exercise today; the advice to show instead of the player.</summary>
    public Reason? RestAdvice { get; private set; }

    /// <summary>Problems keyed by form field (<c>exercises[2].painDuring</c>), in page order.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>"fast" in the browser tests: every timer second lasts 20 ms.</summary>
    public string Speed => Request.Query["speed"] == "fast" ? "fast" : "normal";

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var day = await today.ForAsync(userId, today.Today, ct);
        Paused = day.Paused;
        PausedReason = day.PausedReason;
        RestAdvice = day.RestAdvice;
        IReadOnlyList<PlanItemResponse> items = day.Due;
        if (!Paused && !day.RestToday && items.Count == 0 && await plans.CurrentAsync(userId, ct) is { } plan)
        {
            NothingDue = true;
            items = (await plans.ToResponseAsync(plan, ct)).Items;
        }

        HasPlan = Paused || day.RestToday || items.Count > 0;
        Items = [.. items.Select(i => new SessionExercise(i, library.FindVariant(i.ExerciseId)))];
        Key = Guid.NewGuid().ToString();
        PerformedAt = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Exercises = [.. Items.Select(e => new ExerciseInput
        {
            PlanItemId = e.Item.Id.ToString(),
            CompletedSets = PlainWords.Number(e.Item.Dose.Sets),
            CompletedReps = e.Item.Dose.Reps is int r ? PlainWords.Number(r) : null,
            CompletedHoldSeconds = e.Item.Dose.HoldSeconds is int h ? PlainWords.Number(h) : null,
        })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear(); // every answer is re-read below and reported against its own field
        var userId = User.UserId();
        await LoadPostedItemsAsync(userId, ct);
        if (string.IsNullOrWhiteSpace(Key) || Key.Length > SessionService.MaxKeyLength)
        {
            Key = Guid.NewGuid().ToString(); // only a tampered form lacks its key
        }

        var formIndexOf = new List<int>();
        var request = BuildRequest(formIndexOf);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await sessions.LogAsync(userId, Key, request, ct);
        switch (result.Outcome)
        {
            case SessionOutcome.Created:
            case SessionOutcome.Replayed:
                return Redirect($"/me/session/summary/{result.Response!.Id}");
            case SessionOutcome.KeyReused:
                // The same form was sent again with other answers: the first one was kept.
                var first = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId && s.IdempotencyKey == Key)
                    .Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
                return first is Guid id ? Redirect($"/me/session/summary/{id}") : Redirect("/me/history");
            case SessionOutcome.PlanPaused:
                Paused = true;
                PausedReason = "Your plan is paused because of a warning sign. Please follow the advice you were given before exercising again.";
                return Page();
            default:
                foreach (var (rawKey, messages) in result.Errors!)
                {
                    Errors[ToFormKey(rawKey, formIndexOf)] = string.Join(" ", messages);
                }

                return Page();
        }
    }

    /// <summary>The posted plan items, in the order they were shown, as they stand in the current plan.</summary>
    private async Task LoadPostedItemsAsync(string userId, CancellationToken ct)
    {
        var plan = await plans.CurrentAsync(userId, ct);
        HasPlan = plan is not null;
        if (plan is null)
        {
            return;
        }

        Paused = plan.Status == PlanStatus.Paused;
        PausedReason = plan.PausedReason;
        var response = await plans.ToResponseAsync(plan, ct);
        var byId = response.Items.ToDictionary(i => i.Id.ToString());
        Exercises = [.. Exercises.Where(e => e.PlanItemId is not null && byId.ContainsKey(e.PlanItemId)).Take(PlanLimits.MaxExercises)];
        Items = [.. Exercises.Select(e => new SessionExercise(byId[e.PlanItemId!], library.FindVariant(byId[e.PlanItemId!].ExerciseId)))];
        if (Items.Count == 0)
        {
            Errors["exercises"] = "This form is out of date: your plan has changed. Please open the session again.";
        }
    }

    private SessionRequest BuildRequest(List<int> formIndexOf)
    {
        DateTimeOffset? performedAt = DateTimeOffset.TryParse(PerformedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : clock.GetUtcNow();
        var list = new List<SessionExerciseRequest>();
        for (var i = 0; i < Exercises.Count; i++)
        {
            var e = Exercises[i];
            if (e.Skipped)
            {
                continue;
            }

            formIndexOf.Add(i);
            var at0 = $"exercises[{i}]";
            list.Add(new SessionExerciseRequest(
                Guid.TryParse(e.PlanItemId, out var id) ? id : null,
                ReadInt(e.CompletedSets, $"{at0}.completedSets"),
                ReadInt(e.CompletedReps, $"{at0}.completedReps"),
                ReadInt(e.CompletedHoldSeconds, $"{at0}.completedHoldSeconds"),
                ReadInt(e.PainDuring, $"{at0}.painDuring"),
                ReadInt(e.Effort, $"{at0}.effort"),
                string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim()));
        }

        if (list.Count == 0 && Items.Count > 0)
        {
            Errors["exercises"] = "You skipped every exercise. Do at least one before you save, or come back later.";
        }

        return new SessionRequest(performedAt, ReadInt(PainBefore, "painBefore"), ReadInt(PainAfter, "painAfter"), list);
    }

    private int? ReadInt(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors[key] = "Enter a whole number, like 10.";
        return null;
    }

    /// <summary>The service numbers exercises as sent (skipped ones left out); the page numbers them as shown.</summary>
    private static string ToFormKey(string serviceKey, List<int> formIndexOf) =>
        ExerciseIndex().Replace(serviceKey, m =>
        {
            var sent = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return sent < formIndexOf.Count ? $"exercises[{formIndexOf[sent]}]" : m.Value;
        });

    [GeneratedRegex(@"^exercises\[(\d+)\]")]
    private static partial Regex ExerciseIndex();

    [GeneratedRegex(@"^exercises\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex ExerciseField();

    /// <summary>The input an error links to.</summary>
    public static string AnchorFor(string key)
    {
        var m = ExerciseField().Match(key);
        if (!m.Success)
        {
            return key switch
            {
                "painBefore" => "painBefore-0",
                "painAfter" => "painAfter-0",
                _ => "session-form",
            };
        }

        var i = m.Groups[1].Value;
        return m.Groups[2].Value switch
        {
            "completedSets" => $"ex-{i}-sets",
            "completedReps" => $"ex-{i}-reps",
            "completedHoldSeconds" => $"ex-{i}-hold",
            "painDuring" => $"ex-{i}-pain-0",
            "effort" => $"ex-{i}-effort-0",
            "note" => $"ex-{i}-note",
            _ => $"exercise-{i}",
        };
    }
}
