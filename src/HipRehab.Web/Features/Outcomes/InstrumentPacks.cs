using HipRehab.Core.Library;
using HipRehab.Core.Outcomes;

namespace HipRehab.Web.Features.Outcomes;

/// <summary>
/// The licensed instrument packs an operator loaded (content/instruments/README.md), read once at
/// start-up. An invalid pack stops the app, as invalid exercise content does: the operator sees the
/// file and field at once, rather than patients finding a questionnaire missing later and clinicians
/// comparing results that were never taken.
/// </summary>
public sealed partial class InstrumentPacks
{
    /// <summary>Thrown when a pack is invalid; the message names every file and field.</summary>
    public sealed class InvalidPackException(string folder, IReadOnlyList<string> errors)
        : Exception($"The instrument packs in {folder} are invalid (fix or remove them; no pack is loaded until then):\n  " + string.Join("\n  ", errors))
    {
        public IReadOnlyList<string> Errors { get; } = errors;
    }

    private readonly Dictionary<string, InstrumentPack> _byId;

    public InstrumentPacks(IEnumerable<InstrumentPack> packs, string? folder)
    {
        _byId = packs.ToDictionary(p => p.Id, StringComparer.Ordinal);
        Folder = folder;
    }

    /// <summary>The folder read, or null when none is configured or present.</summary>
    public string? Folder { get; }

    /// <summary>Every loaded pack, by id.</summary>
    public IEnumerable<InstrumentPack> All => _byId.Values.OrderBy(p => p.Id, StringComparer.Ordinal);

    public InstrumentPack? Find(string? id) => id is not null && _byId.TryGetValue(id, out var pack) ? pack : null;

    /// <summary>
    /// The folder to read: <c>Instruments:PacksPath</c> when set (it must exist); else
    /// <c>content/instruments</c> next to the app, else under the working directory, when present;
    /// else none.
    /// </summary>
    public static (string? Folder, bool Configured) ResolveFolder(IConfiguration configuration)
    {
        var configured = configuration["Instruments:PacksPath"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (Path.GetFullPath(configured), true);
        }

        foreach (var candidate in new[] { Path.Combine(AppContext.BaseDirectory, "content", "instruments"), Path.GetFullPath(Path.Combine("content", "instruments")) })
        {
            if (Directory.Exists(candidate))
            {
                return (candidate, false);
            }
        }

        return (null, false);
    }

    /// <summary>Loads every <c>*.json</c> pack of the configured folder; throws <see cref="InvalidPackException"/> on any problem.</summary>
    public static InstrumentPacks Load(IConfiguration configuration, ILogger logger)
    {
        var (folder, configured) = ResolveFolder(configuration);
        if (folder is null)
        {
            LogNoFolder(logger);
            return new InstrumentPacks([], null);
        }

        if (!Directory.Exists(folder))
        {
            // A configured folder that is missing is a mistake, not "no packs".
            var error = new InvalidPackException(folder, [$"{folder}: (folder): Instruments:PacksPath names a folder that does not exist"]);
            LogInvalid(logger, error.Message);
            throw error;
        }

        var files = Directory.EnumerateFiles(folder, "*.json").Select(path => new ContentFile(Path.GetFileName(path), File.ReadAllText(path))).ToList();
        var result = InstrumentPackLoader.Load(files);
        if (result.Errors.Count > 0)
        {
            var error = new InvalidPackException(folder, result.Errors);
            LogInvalid(logger, error.Message);
            throw error;
        }

        foreach (var pack in result.Packs)
        {
            LogLoaded(logger, pack.Id, pack.Name, pack.Version, folder);
        }

        if (configured && result.Packs.Count == 0)
        {
            LogEmpty(logger, folder);
        }

        return new InstrumentPacks(result.Packs, folder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No instrument pack folder; only the built-in outcome measures are offered.")]
    private static partial void LogNoFolder(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogInvalid(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instrument pack {Id} ({Name}, version {Version}) loaded from {Folder}.")]
    private static partial void LogLoaded(ILogger logger, string id, string name, string version, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instruments:PacksPath {Folder} holds no pack files (*.json).")]
    private static partial void LogEmpty(ILogger logger, string folder);
}
