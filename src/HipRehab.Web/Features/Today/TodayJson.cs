using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HipRehab.Web.Features.Plans;
using Microsoft.Extensions.Options;

namespace HipRehab.Web.Features.Today;

/// <summary>
/// Writes Today's answer. Each due item is written by the app's own JSON serializer (the same
/// options as every other answer) once per distinct item value and reused after that: Today is the
/// hottest read, and the same items come back on every call until a session or a clinician changes
/// them. An item is looked up by its whole value (every field, with its days and reasons by the
/// shared instances <see cref="Infrastructure.JsonTextCache"/> hands out for one stored text), so a
/// changed item is a different key and can never be answered with an older text. The envelope is
/// written here; <c>TodayJsonTests</c> holds the result to the serializer's own, byte for byte.
/// </summary>
public sealed class TodayJson(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options)
{
    /// <summary>Distinct item texts kept; past this the cache starts again.</summary>
    public const int MaxItems = 20_000;

    private static readonly IReadOnlyList<DecisionResponse> s_noHistory = [];
    private readonly JsonSerializerOptions _options = options.Value.SerializerOptions;
    private readonly ConcurrentDictionary<PlanItemResponse, byte[]> _items = new();

    public byte[] Write(TodayResponse today)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = _options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("date", today.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteStartArray("due");
            foreach (var item in today.Due)
            {
                writer.WriteRawValue(ItemJson(item), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("completedSessionIds");
            foreach (var id in today.CompletedSessionIds)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("paused", today.Paused);
            if (today.PausedReason is null)
            {
                writer.WriteNull("pausedReason");
            }
            else
            {
                writer.WriteString("pausedReason", today.PausedReason);
            }

            writer.WriteBoolean("strengthRestDay", today.StrengthRestDay);
            writer.WriteBoolean("restToday", today.RestToday);
            writer.WritePropertyName("restAdvice");
            JsonSerializer.Serialize(writer, today.RestAdvice, _options);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private byte[] ItemJson(PlanItemResponse item)
    {
        if (item.History.Count > 0)
        {
            // Today never lists history; should an item carry some, it is written afresh.
            return JsonSerializer.SerializeToUtf8Bytes(item, _options);
        }

        var key = ReferenceEquals(item.History, s_noHistory) ? item : item with { History = s_noHistory };
        if (_items.TryGetValue(key, out var json))
        {
            return json;
        }

        if (_items.Count >= MaxItems)
        {
            _items.Clear();
        }

        json = JsonSerializer.SerializeToUtf8Bytes(key, _options);
        _items[key] = json;
        return json;
    }
}
