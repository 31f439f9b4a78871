using HipRehab.Web.Data;
using HipRehab.Web.Features.Accounts;
using HipRehab.Web.Features.Alerts;
using HipRehab.Web.Features.CheckIns;
using HipRehab.Web.Features.Clinics;
using HipRehab.Web.Features.Demo;
using HipRehab.Web.Features.Exercises;
using HipRehab.Web.Features.Intake;
using HipRehab.Web.Features.Lifestyle;
using HipRehab.Web.Features.Outcomes;
using HipRehab.Web.Features.Plans;
using HipRehab.Web.Features.Sessions;
using HipRehab.Web.Features.Tailoring;
using HipRehab.Web.Features.Today;
using HipRehab.Web.Features.TryIt;
using HipRehab.Web.Features.Progress;
using HipRehab.Web.Features.Rules;
using HipRehab.Web.Infrastructure;
using HipRehab.Web.Features.Shared;

// --seed-demo is a one-off command: it seeds, prints how to sign in, and exits; a normal start never seeds.
var seedDemo = DemoSeed.Requested(args);
var builder = WebApplication.CreateBuilder(DemoSeed.WithoutFlag(args));
if (seedDemo)
{
    // Keep the console for what the seeder prints: no log line per database command.
    builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
}

builder.Services.AddSingleton(sp => ExerciseContent.Load(ExerciseContent.ResolveFolder(sp.GetRequiredService<IConfiguration>())));
builder.Services.AddSingleton(sp => InstrumentPacks.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<InstrumentPacks>()));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddScoped<PlanService>();
builder.Services.AddScoped<SessionService>();
builder.Services.AddScoped<SessionBatch>();
builder.Services.AddSingleton<ConstraintsCache>();
builder.Services.AddSingleton<SessionWriter>();
builder.Services.AddScoped<CheckInService>();
builder.Services.AddScoped<AlertService>();
builder.Services.AddScoped<EscalationService>();
builder.Services.AddScoped<IntakeService>();
builder.Services.AddToday(builder.Configuration);
builder.Services.AddScoped<OutcomeService>();
builder.Services.AddScoped<LifestyleService>();
builder.Services.AddScoped<ProgressService>();
builder.Services.AddScoped<ClinicAccess>();
builder.Services.AddScoped<ClinicPatients>();
builder.Services.AddScoped<ClinicActions>();
builder.Services.AddScoped<TailoringService>();

builder.Services.ConfigureHttpJsonOptions(o => StoredJson.Configure(o.SerializerOptions));
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi(OpenApiContract.Configure);
builder.Services.AddHealthChecks();
builder.Services.AddRazorPages(o => o.RootDirectory = "/Features");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();

// The library is validated before the app serves anything: bad content stops start-up with a
// message that names the file and the field.
app.Services.GetRequiredService<HipRehab.Core.Library.ExerciseLibrary>();
// Licensed instrument packs likewise: an invalid pack stops start-up, naming the file and field.
app.Services.GetRequiredService<InstrumentPacks>();
await DatabaseSetup.MigrateAsync(app.Services);
if (seedDemo)
{
    var seeded = await DemoSeed.RunAsync(app.Services, CancellationToken.None);
    Console.Out.Write(DemoSeed.Describe(seeded, DatabaseSetup.ProviderOf(app.Configuration).ToString()));
    return;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
// Every query of this request is kept to its caller's records (AppDb's global query filters).
app.Use((context, next) =>
{
    context.RequestServices.GetRequiredService<CallerScope>().ForRequest(context);
    return next(context);
});
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapExercises();
app.MapRules();
app.MapPlanPreview();
app.MapAccounts();
app.MapIntake();
app.MapPlans();
app.MapToday();
app.MapSessions();
app.MapCheckIns();
app.MapAlerts();
app.MapOutcomes();
app.MapLifestyle();
app.MapProgress();
app.MapClinics();
app.MapClinicPatients();
app.MapTailoring();
app.MapClinicLinks();
app.MapBareRoutes(app.Configuration);
app.MapRazorPages();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
