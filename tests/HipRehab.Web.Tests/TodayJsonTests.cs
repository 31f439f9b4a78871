using System.Text;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Today;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HipRehab.Web.Tests;

/// <summary>
/// Today's answer is written by <see cref="TodayJson"/>, which keeps each distinct item's text. These
/// hold it to the app's own serializer, byte for byte, in every state, and show that a changed item
/// is never answered with its older text.
/// </summary>
public sealed class TodayJsonTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task TodayJson_IsTheSerializersOwn_ByteForByte_AndAChangedItemIsNeverAnsweredWithItsOldText()
    {
        var (person, _) = await app.SignUpWithPlanAsync();
        var userId = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Users.Where(u => u.Email == person.Email).Select(u => u.Id)));
        var options = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var json = new TodayJson(app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>());

        void Same(TodayResponse today) =>
            Assert.Equal(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(today, options)), Encoding.UTF8.GetString(json.Write(today)));

        await using var scope = app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<TodayService>();
        var monday = await service.ForAsync(userId, new DateOnly(2026, 11, 23), CancellationToken.None);
        var tuesday = await service.ForAsync(userId, new DateOnly(2026, 11, 24), CancellationToken.None);
        Assert.NotEmpty(monday.Due);
        Assert.True(tuesday.StrengthRestDay);
        foreach (var today in new[] { monday, tuesday, monday })
        {
            Same(today);
        }

        // No plan; paused with a reason full of characters the encoder escapes; sessions listed.
        Same(new TodayResponse(new DateOnly(2026, 1, 2), [], [], false, null, false));
        Same(monday with { Due = [], Paused = true, PausedReason = "Don't exercise today: \"hot\", <swollen> & feverish, café, 😟" });
        Same(monday with { CompletedSessionIds = [Guid.CreateVersion7(), Guid.CreateVersion7()] });

        // A changed item (dose, pinned, days, reasons) is a new text, never the cached one.
        var item = monday.Due[0];
        var changed = new List<PlanItemResponse>
        {
            item with { Dose = item.Dose with { Sets = item.Dose.Sets + 1 } },
            item with { Pinned = !item.Pinned },
            item with { Days = [DayOfWeek.Sunday] },
            item with { Why = [new HipRehab.Core.Planning.Reason("PL1", "Another reason.")] },
            item with { History = [new DecisionResponse(Guid.CreateVersion7(), item.Id, null, new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc),
                HipRehab.Core.Progression.ProgressionAction.Hold, ["PM4"], "Kept.", new PrescriptionResponse(item.ExerciseId, item.Dose),
                new PrescriptionResponse(item.ExerciseId, item.Dose))] },
        };
        var texts = new HashSet<string> { Encoding.UTF8.GetString(json.Write(monday with { Due = [item] })) };
        foreach (var other in changed)
        {
            var today = monday with { Due = [other] };
            Same(today);
            Assert.True(texts.Add(Encoding.UTF8.GetString(json.Write(today))), $"{other} was answered with an earlier text");
        }
    }
}
