using System.Text.Json;
using System.Text.Json.Serialization;

namespace HipRehab.Client;

public partial class HipRehabClient
{
    /// <summary>
    /// Two settings the generator cannot express. The API writes every enum value in kebab case
    /// (<c>see-clinician-soon</c>, <c>resistance-band</c>), which is each generated member's name
    /// in kebab case; System.Text.Json does not read NSwag's EnumMember attributes. And an optional
    /// field left unset is left out, not sent as null: the document marks such fields optional,
    /// not nullable (ASP.NET Core Identity's <c>resetSharedKey</c>, for one, refuses a null).
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings)
    {
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        settings.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    }
}
