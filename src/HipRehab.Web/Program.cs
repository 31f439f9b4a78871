using System.Text.Json;
using System.Text.Json.Serialization;
using HipRehab.Web.Features.Exercises;
using HipRehab.Web.Features.Preview;
using HipRehab.Web.Features.Rules;
using HipRehab.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(sp => ExerciseContent.Load(ExerciseContent.ResolveFolder(sp.GetRequiredService<IConfiguration>())));
builder.Services.AddSingleton(TimeProvider.System);

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
    o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "HipRehab API";
    doc.Info.Description = "Home exercise programs for hip pain, with every decision explained by its clinical rule. HipRehab does not diagnose; people should check with a physical therapist or doctor before starting.";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks();
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

// The library is validated before the app serves anything: bad content stops start-up with a
// message that names the file and the field.
app.Services.GetRequiredService<HipRehab.Core.Library.ExerciseLibrary>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
app.UseAntiforgery();

app.MapHealthChecks("/health");
app.MapOpenApi();
app.MapExercises();
app.MapRules();
app.MapPlanPreview();
app.MapRazorPages();

app.Run();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
