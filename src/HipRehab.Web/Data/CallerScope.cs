using System.Security.Claims;

namespace HipRehab.Web.Data;

/// <summary>
/// Whose records a request may read: the second line of tenant isolation, under the explicit checks
/// of every handler. <see cref="AppDb"/>'s global query filters keep every person-owned row to the
/// ids listed here, so a handler that forgot a check still finds nothing of anyone else.
/// <list type="bullet">
/// <item>A request: the signed-in person's own id (none when anonymous), plus the people a clinic's
/// staff member opened through <c>ClinicAccess</c> after checking their link.</item>
/// <item>Work that is not a request (start-up, the session writer, the demo seeder): every row,
/// since that code is given the person it works for.</item>
/// </list>
/// The caller's id is read when a query runs, after authorization has set the request's user.
/// </summary>
public sealed class CallerScope
{
    private HttpContext? _request;
    private readonly List<string> _opened = [];
    private string[]? _ids;
    private string? _idsFor;

    /// <summary>Scopes this request's queries to its caller.</summary>
    public void ForRequest(HttpContext request) => _request = request;

    /// <summary>The person ids whose rows queries may return; null when the work is not a request (no filter).</summary>
    public string[]? VisibleUserIds
    {
        get
        {
            if (_request is null)
            {
                return null;
            }

            var userId = _request.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (_ids is null || _idsFor != userId)
            {
                _ids = userId is null ? [.. _opened] : [userId, .. _opened];
                _idsFor = userId;
            }

            return _ids;
        }
    }

    /// <summary>Staff opened these people's records after their clinic link was checked.</summary>
    public void Open(IEnumerable<string> userIds)
    {
        _opened.AddRange(userIds);
        _ids = null;
    }
}
