using HipRehab.Core;
using HipRehab.Core.Library;
using HipRehab.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace HipRehab.Web.Features.Exercises;

/// <summary>A clinic's own exercise family.</summary>
public sealed record CustomExerciseResponse(Guid Id, string Family, string FamilyName, Category Category, DateTime CreatedAt, IReadOnlyList<ExerciseResponse> Variants);

/// <summary>The library as one clinic's staff see it: the shared library plus the clinic's own families.</summary>
public static class ClinicLibrary
{
    public static async Task<ExerciseLibrary> ForClinicAsync(AppDb db, ExerciseLibrary library, Guid clinicId, CancellationToken ct)
    {
        var custom = await db.CustomExercises.AsNoTracking().Where(c => c.ClinicId == clinicId).Select(c => new { c.Family, c.Json }).ToListAsync(ct);
        if (custom.Count == 0)
        {
            return library;
        }

        var families = new List<ExerciseFamily>(library.Families);
        foreach (var c in custom)
        {
            // Stored content was validated when it was added; should the rules move on since, a
            // family that no longer validates is left out rather than served half-checked.
            if (LibraryLoader.Load([new ContentFile(c.Family + ".json", c.Json)]).Library is { } loaded)
            {
                families.AddRange(loaded.Families.Where(f => library.FindFamily(f.Id) is null));
            }
        }

        return new ExerciseLibrary(families);
    }

    /// <summary>
    /// The library as a person's plan needs it: the shared library plus the own families of the
    /// clinics they share their records with now. Read only when an item's exercise is not in the
    /// shared library. A family whose id or variant ids another linked clinic already uses is left out.
    /// </summary>
    public static async Task<ExerciseLibrary> ForPersonAsync(AppDb db, ExerciseLibrary library, string userId, CancellationToken ct)
    {
        var custom = await db.CustomExercises.AsNoTracking()
            .Where(c => db.ClinicLinks.Any(l => l.UserId == userId && l.EndedAt == null && l.ClinicId == c.ClinicId))
            .OrderBy(c => c.CreatedAt).Select(c => new { c.Family, c.Json }).ToListAsync(ct);
        var families = new List<ExerciseFamily>(library.Families);
        var ids = library.Variants.Select(v => v.Id).Concat(library.Families.Select(f => "family:" + f.Id)).ToHashSet(StringComparer.Ordinal);
        foreach (var c in custom)
        {
            if (LibraryLoader.Load([new ContentFile(c.Family + ".json", c.Json)]).Library is { } loaded
                && loaded.Families[0] is var family && !ids.Contains("family:" + family.Id) && family.Variants.All(v => !ids.Contains(v.Id)))
            {
                ids.Add("family:" + family.Id);
                ids.UnionWith(family.Variants.Select(v => v.Id));
                families.Add(family);
            }
        }

        return families.Count == library.Families.Count ? library : new ExerciseLibrary(families);
    }

    public static CustomExerciseResponse ToResponse(CustomExerciseRecord record, ExerciseLibrary clinicLibrary)
    {
        var family = clinicLibrary.FindFamily(record.Family);
        return new CustomExerciseResponse(record.Id, record.Family, family?.Name ?? record.Family, family?.Category ?? Category.Strengthening, record.CreatedAt,
            family is null ? [] : [.. family.Variants.Select(v => ExerciseResponse.From(clinicLibrary, v))]);
    }
}
