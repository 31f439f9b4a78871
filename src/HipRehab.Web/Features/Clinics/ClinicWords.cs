using HipRehab.Core.Supervision;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>The dashboard's words: how soon someone needs the clinician, and staff roles.</summary>
public static class ClinicWords
{
    /// <summary>A short label for how soon someone needs the clinician: the visible order of the dashboard.</summary>
    public static string Priority(NeedReason reason) => reason switch
    {
        NeedReason.UrgentAlert => "Urgent",
        NeedReason.SeeClinicianAlert => "Review soon",
        NeedReason.WorseningPain => "Pain getting worse",
        NeedReason.AwaitingClearance => "Waiting for clearance",
        NeedReason.LowAdherence => "Few sessions",
        _ => "Doing fine",
    };

    public static string PriorityName(NeedReason reason) => reason switch
    {
        NeedReason.UrgentAlert => "urgent-alert",
        NeedReason.SeeClinicianAlert => "see-clinician-alert",
        NeedReason.WorseningPain => "worsening-pain",
        NeedReason.AwaitingClearance => "awaiting-clearance",
        NeedReason.LowAdherence => "low-adherence",
        _ => "none",
    };

    public static string Role(string role) => role == StaffRole.Admin ? "Admin" : "Clinician";
}
