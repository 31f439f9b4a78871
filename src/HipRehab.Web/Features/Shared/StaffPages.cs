using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Shared;

/// <summary>
/// How the clinic pages answer <see cref="ClinicAccess"/>'s decisions: the same checks and the same
/// audit entries as the API, but a person is sent somewhere useful instead of shown a problem.
/// </summary>
public static class StaffPages
{
    /// <summary>Where staff go to add the second step, and come back to <paramref name="returnUrl"/>.</summary>
    public static string TwoStepUrl(string returnUrl) => "/account/two-factor?why=patient-data&returnUrl=" + Uri.EscapeDataString(returnUrl);

    /// <summary>
    /// Opens patient data for a page (one audit entry, as for the API). Null when allowed; otherwise
    /// a redirect to two-step sign-in (no second factor this session) or 404 (the person is out of reach).
    /// </summary>
    public static async Task<IActionResult?> OpenAsync(PageModel page, ClinicAccess access, StaffMember staff, string action, string? patientId, CancellationToken ct)
    {
        if (await access.OpenPatientDataAsync(page.User, staff, action, patientId, ct) is null)
        {
            return null;
        }

        return ClinicAccess.SignedInWithSecondFactor(page.User) ? new NotFoundResult() : new RedirectResult(TwoStepUrl(page.Request.Path));
    }

    /// <summary>
    /// Staff of this clinic, signed in with a second step, opening a linked person's data (one audit
    /// entry): the member, or the answer the page gives instead (404, or the way to two-step sign-in).
    /// </summary>
    public static async Task<(StaffMember? Staff, IActionResult? Refused)> OpenPatientAsync(PageModel page, ClinicAccess access, Guid clinicId, string patientId,
        string action, CancellationToken ct)
    {
        var (staff, notStaff) = await access.StaffAsync(page.User, clinicId, ct);
        if (notStaff is not null)
        {
            return (null, new NotFoundResult());
        }

        return await OpenAsync(page, access, staff!, action, patientId, ct) is { } refused ? (null, refused) : (staff, null);
    }
}
