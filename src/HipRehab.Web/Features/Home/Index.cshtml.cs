using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HipRehab.Web.Features.Home;

/// <summary>The landing page: what HipRehab is and is not, and the one next step.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
