using System.Collections.Frozen;

namespace HipRehab.Core.Library;

/// <summary>The validated exercise library: families with their ladders, looked up by id.</summary>
public sealed class ExerciseLibrary
{
    private readonly FrozenDictionary<string, ExerciseVariant> _variants;
    private readonly FrozenDictionary<string, ExerciseFamily> _families;

    /// <summary>Builds a library from families that have already been validated.</summary>
    public ExerciseLibrary(IEnumerable<ExerciseFamily> families)
    {
        Families = [.. families];
        _families = Families.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
        _variants = Families.SelectMany(f => f.Variants).ToFrozenDictionary(v => v.Id, StringComparer.Ordinal);
    }

    /// <summary>Families in a stable order: strengthening first, then stretching, each by id as loaded.</summary>
    public IReadOnlyList<ExerciseFamily> Families { get; }

    /// <summary>Every variant of every family.</summary>
    public IEnumerable<ExerciseVariant> Variants => Families.SelectMany(f => f.Variants);

    /// <summary>The variant with this id, or null.</summary>
    public ExerciseVariant? FindVariant(string id) => _variants.GetValueOrDefault(id);

    /// <summary>The family with this id, or null.</summary>
    public ExerciseFamily? FindFamily(string id) => _families.GetValueOrDefault(id);

    /// <summary>The family a variant belongs to.</summary>
    public ExerciseFamily FamilyOf(ExerciseVariant variant) => _families[variant.Family];
}
