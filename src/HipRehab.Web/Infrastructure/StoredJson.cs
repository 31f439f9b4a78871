using System.Text.Json;
using System.Text.Json.Serialization;

namespace HipRehab.Web.Infrastructure;

/// <summary>The one JSON shape of the app: the API's answers, values stored in text columns, and replayed responses.</summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>A fresh copy of the one set of options (web defaults, camelCase enums by name only, strict numbers).</summary>
    public static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(o);
        return o;
    }

    /// <summary>The app's JSON rules, applied to the HTTP options in Program.cs and to <see cref="Options"/>: one definition.</summary>
    public static void Configure(JsonSerializerOptions o)
    {
        o.NumberHandling = JsonNumberHandling.Strict;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidOperationException($"Stored JSON for {typeof(T).Name} is empty.");
}
