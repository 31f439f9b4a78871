namespace HipRehab.Web.Tests;

public static class ApiHelpers
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PreviewAsync(this HttpClient client, object intake)
    {
        var response = await client.PostAsJsonAsync("/api/v1/plan-preview", intake);
        return (response.StatusCode, await response.JsonAsync());
    }

    public static IEnumerable<string> Strings(this JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);
}
