using HipRehab.Core.Assessment;
using HipRehab.Core.Library;

namespace HipRehab.Core.Planning;

/// <summary>A plain-words reason tied to the rule that gives it.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Text">What it means for this person.</param>
public sealed record Reason(string RuleId, string Text);

/// <summary>
/// Everything about a person that limits which exercise variants are safe: precautions (§2.1),
/// abilities and condition (CX1–CX7) and equipment. The planner and the progression engine ask
/// the same object, so a harder variant can never slip in through progression.
/// </summary>
public sealed class PersonConstraints
{
    private readonly Dictionary<Demand, List<Reason>> _forbidden = [];
    private readonly List<LastingRestriction> _lasting = [];
    private readonly IReadOnlySet<Equipment> _equipment;

    private readonly PainLocation _painLocation;

    // Why support is needed, in the words of the reason: the person's own answer, or a measured TUG (OM6).
    private readonly string _supportBecause;

    private PersonConstraints(IReadOnlySet<Equipment> equipment, bool needsSupport, ActivePrecautions? precautions, PainLocation painLocation, string supportBecause = "")
    {
        _supportBecause = supportBecause;
        _painLocation = painLocation;
        _equipment = equipment;
        NeedsSupport = needsSupport;
        Precautions = precautions;
    }

    /// <summary>True when standing exercises must be done holding on (CX3).</summary>
    public bool NeedsSupport { get; }

    /// <summary>Hip-replacement precautions in force, if any.</summary>
    public ActivePrecautions? Precautions { get; }

    /// <summary>Every forbidden demand, with the rules behind it.</summary>
    public IReadOnlyDictionary<Demand, List<Reason>> Forbidden => _forbidden;

    /// <summary>Movements some families never ask of this person, whatever the date (a hip replacement's lasting restrictions).</summary>
    public IReadOnlyList<LastingRestriction> Lasting => _lasting;

    /// <summary>The equipment the person has.</summary>
    public IReadOnlySet<Equipment> Equipment => _equipment;

    /// <summary>Builds the constraints for an intake on a given day.</summary>
    /// <param name="intake">The checked intake.</param>
    /// <param name="today">The day the plan is for (precaution windows end on a date).</param>
    /// <param name="recorded">Precautions a clinician recorded, which replace the defaults.</param>
    /// <param name="fallRisk">True when a measured Timed Up and Go showed fall risk (CX3).</param>
    public static PersonConstraints For(Intake intake, DateOnly today, RecordedPrecautions? recorded = null, bool fallRisk = false)
    {
        var precautions = ActivePrecautions.For(intake, today, recorded);
        var c = new PersonConstraints(intake.Equipment, !intake.Abilities.StandWithoutSupport || fallRisk, precautions, intake.PainLocation,
            !intake.Abilities.StandWithoutSupport ? "you told us you need support to stand" : "your Timed Up and Go took 12 seconds or more, so standing is safer with support");
        if (precautions is not null)
        {
            foreach (var d in precautions.Forbidden)
            {
                foreach (var rule in precautions.RuleIds)
                {
                    c.Forbid(d, rule, rule == "THR-D"
                        ? "we use safe default precautions until your surgeon's own instructions are recorded"
                        : $"it asks for a movement ({Describe(d)}) that your hip replacement precautions rule out");
                }
            }
        }

        if (HipReplacement.Had(intake, recorded))
        {
            c._lasting.AddRange(HipReplacement.LastingRestrictions);
        }

        if (!intake.Abilities.GetDownToFloor && !intake.Equipment.Contains(Core.Equipment.Bed))
        {
            c.Forbid(Demand.Lying, "CX1", "it is done lying down, and you told us getting down to the floor is hard and you have no firm bed");
        }

        if (!intake.Abilities.Kneel)
        {
            c.Forbid(Demand.Kneeling, "CX2", "it is done kneeling, and you told us kneeling is hard");
        }

        if (intake.PainLocation == PainLocation.OuterHip)
        {
            c.Forbid(Demand.AdductionPastMidline, "CX4", "it crosses the leg past the middle of your body, which can press on a sore outer hip");
            c.Forbid(Demand.SideLying, "CX4", "it is done lying on your side, which can press on a sore outer hip");
        }

        if (intake.Osteoporosis)
        {
            c.Forbid(Demand.ForwardLeanSeated, "CX5", "it bends forward, which is best avoided with osteoporosis");
        }

        if (intake.Pregnant)
        {
            // The trimester is not asked, so the later-pregnancy rule applies throughout.
            c.Forbid(Demand.Supine, "CX6", "it is done lying on your back, which is best avoided during pregnancy");
        }

        return c;
    }

    /// <summary>Every reason this variant is not safe for the person; empty when it is.</summary>
    public IReadOnlyList<Reason> Check(ExerciseVariant variant)
    {
        var reasons = new List<Reason>();
        if (variant.OmitForPainLocations.Contains(_painLocation))
        {
            reasons.Add(new("CX4", "this exercise is best left out while the outside of your hip is sore"));
        }

        foreach (var demand in variant.Demands)
        {
            if (_forbidden.TryGetValue(demand, out var why))
            {
                reasons.AddRange(why);
            }
        }

        foreach (var lasting in _lasting)
        {
            if (lasting.Family == variant.Family && variant.Demands.Contains(lasting.Demand))
            {
                reasons.Add(new(lasting.RuleId, lasting.Text));
            }
        }

        foreach (var item in variant.Equipment)
        {
            if (!_equipment.Contains(item))
            {
                reasons.Add(new("CX7", $"it needs {Describe(item)}, which you do not have"));
            }
        }

        if (NeedsSupport && !variant.Supported && (variant.Demands.Contains(Demand.Standing) || variant.Demands.Contains(Demand.SingleLegStance)))
        {
            reasons.Add(new("CX3", $"it is done standing without holding on, and {_supportBecause}"));
        }

        return reasons;
    }

    /// <summary>True when the variant is safe for the person.</summary>
    public bool Allows(ExerciseVariant variant) => Check(variant).Count == 0;

    private void Forbid(Demand demand, string ruleId, string text)
    {
        if (!_forbidden.TryGetValue(demand, out var list))
        {
            _forbidden[demand] = list = [];
        }

        list.Add(new Reason(ruleId, text));
    }

    /// <summary>Plain words for a movement demand.</summary>
    public static string Describe(Demand demand) => demand switch
    {
        Demand.HipFlexionOver90 => "bending the hip past a right angle",
        Demand.AdductionPastMidline => "crossing the leg past the middle of the body",
        Demand.InternalRotation => "turning the leg inward",
        Demand.ExternalRotation => "turning the leg outward",
        Demand.HipExtensionPastNeutral => "moving the leg back behind the body",
        Demand.ActiveAbduction => "lifting the leg out to the side",
        Demand.Kneeling => "kneeling",
        Demand.Lying => "lying down",
        Demand.SideLying => "lying on your side",
        Demand.Supine => "lying on your back",
        Demand.Standing => "standing",
        Demand.SingleLegStance => "standing on one leg",
        Demand.ForwardLeanSeated => "leaning forward while sitting",
        _ => Vocab<Demand>.Name(demand),
    };

    /// <summary>Plain words for a piece of equipment.</summary>
    public static string Describe(Equipment item) => item switch
    {
        Core.Equipment.ResistanceBand => "a resistance band",
        Core.Equipment.AnchorPoint => "a sturdy place to tie a band",
        Core.Equipment.Chair => "a sturdy chair",
        Core.Equipment.Wall => "a clear wall",
        Core.Equipment.Step => "a step",
        Core.Equipment.Strap => "a strap or towel",
        Core.Equipment.AnkleWeight => "an ankle weight",
        Core.Equipment.Bed => "a firm bed",
        _ => Vocab<Equipment>.Name(item),
    };
}
