using System.Security.Claims;

namespace HipRehab.Web.Data;

/// <summary>
/// Whose records a request may read: the second line of tenant isolation, under the explicit checks
/// of every handler. <see cref="AppDb"/>'s global query filters keep every person-owned row to:
/// <list type="bullet">
/// <item>in a request, the signed-in person's own rows (none when anonymous), plus the person (or,
/// for clinic-wide lists, the linked people of the one clinic) that a staff member opened through
/// <c>ClinicAccess</c> after checking the link;</item>
/// <item>in work that is not a request (start-up, the session writer, the demo seeder), every row,
/// since that code is handed the person it works for.</item>
/// </list>
/// Every value is a scalar, so the filtered SQL keeps one shape (no list parameter to expand) and a
/// person's query gains only <c>"UserId" = @caller</c> beside its own condition. The caller's id is
/// read when a query runs, after authorization has set the request's user.
/// </summary>
public sealed class CallerScope
{
    private HttpContext? _request;

    /// <summary>Scopes this request's queries to its caller.</summary>
    public void ForRequest(HttpContext request) => _request = request;

    /// <summary>True outside a request: no filter.</summary>
    public bool Everyone => _request is null;

    /// <summary>The signed-in caller; null when anonymous (or outside a request).</summary>
    public string? UserId => _request?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The one person a staff member opened after the link check.</summary>
    public string? OpenedPatientId { get; private set; }

    /// <summary>The clinic whose currently linked people a staff member opened (dashboard, clinic-wide alerts).</summary>
    public Guid? OpenedClinicId { get; private set; }

    public void OpenPatient(string patientId) => OpenedPatientId = patientId;

    public void OpenClinic(Guid clinicId) => OpenedClinicId = clinicId;
}
