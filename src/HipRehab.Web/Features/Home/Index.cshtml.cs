using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Home;

/// <summary>The landing page: what HipRehab is and is not, and the one next step.</summary>
[AllowAnonymous] // Public page: on the reviewed allow-list in tests/HipRehab.Web.Tests/Security/EndpointPolicyTests.cs.
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
