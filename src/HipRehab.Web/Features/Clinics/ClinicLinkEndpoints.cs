using HipRehab.Web.Data;
using HipRehab.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using HipRehab.Web.Features.Shared;

namespace HipRehab.Web.Features.Clinics;

/// <summary>
/// The person's side of sharing: link with a clinic's code, see who they share with, end a share.
/// Once ended, the clinic sees nothing of the person (every clinic query requires an active link).
/// </summary>
public static class ClinicLinkEndpoints
{
    public static IEndpointRouteBuilder MapClinicLinks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/clinic-links").WithTags("Sharing with a clinic").RequireAuthorization(ApiPolicies.PersonApi);

        group.MapGet("/", async (HttpContext http, AppDb db, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var links = await db.ClinicLinks.AsNoTracking().Where(l => l.UserId == userId)
                    .Join(db.Clinics, l => l.ClinicId, c => c.Id, (l, c) => new ClinicLinkResponse(c.Id, c.Name, l.CreatedAt, l.EndedAt, l.EndedAt == null))
                    .ToListAsync(ct);
                return TypedResults.Ok(links.OrderByDescending(l => l.Active).ThenByDescending(l => l.CreatedAt).ToList());
            })
            .WithSummary("The clinics you share your records with now (active), and the shares you have ended.");

        group.MapPost("/", LinkAsync)
            .AcceptsJson<LinkRequest>()
            .WithSummary("Share your records with a clinic, using the code it gave you. You can end the share at any time.");

        group.MapDelete("/{clinicId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid clinicId, HttpContext http, AppDb db, TimeProvider clock, CancellationToken ct) =>
            {
                var userId = http.User.UserId();
                var active = await db.ClinicLinks.Where(l => l.UserId == userId && l.ClinicId == clinicId && l.EndedAt == null).ToListAsync(ct);
                if (active.Count == 0)
                {
                    return Problems.NotFound("A share with that clinic");
                }

                foreach (var link in active)
                {
                    link.EndedAt = clock.GetUtcNow().UtcDateTime;
                }

                await db.SaveChangesAsync(ct);
                return TypedResults.NoContent();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Stop sharing with a clinic. From now on it sees nothing of your records.");

        return app;
    }

    private static async Task<Results<Created<ClinicLinkResponse>, ValidationProblem, ProblemHttpResult>> LinkAsync(HttpRequest request, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<LinkRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var invalid = Problems.Invalid("code", "This code does not work. It may have been used already or be out of date. Please ask your clinic for a new one.");
        if (string.IsNullOrWhiteSpace(body!.Code) || body.Code.Length > 100)
        {
            return invalid;
        }

        var link = await RedeemAsync(db, request.HttpContext.User.UserId(), body.Code, clock.GetUtcNow().UtcDateTime, ct);
        if (link is null)
        {
            return invalid;
        }

        await db.SaveChangesAsync(ct);
        var name = await db.Clinics.Where(c => c.Id == link.ClinicId).Select(c => c.Name).SingleAsync(ct);
        return TypedResults.Created("/api/v1/me/clinic-links", new ClinicLinkResponse(link.ClinicId, name, link.CreatedAt, null, true));
    }

    /// <summary>
    /// Uses a patient invitation code for the person: the (unsaved) active link, or null when the code
    /// is unknown, used or out of date. Shared with the demo seeder.
    /// </summary>
    public static async Task<ClinicLinkRecord?> RedeemAsync(AppDb db, string userId, string code, DateTime now, CancellationToken ct)
    {
        var hash = InvitationCodes.Hash(code);
        var invitation = await db.PatientInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, ct);
        if (invitation is null || invitation.UsedAt is not null || invitation.ExpiresAt <= now)
        {
            return null;
        }

        invitation.UsedAt = now;
        invitation.UsedBy = userId;
        var link = await db.ClinicLinks.FirstOrDefaultAsync(l => l.UserId == userId && l.ClinicId == invitation.ClinicId && l.EndedAt == null, ct);
        if (link is null)
        {
            link = new ClinicLinkRecord { Id = Guid.CreateVersion7(), ClinicId = invitation.ClinicId, UserId = userId, CreatedAt = now };
            db.ClinicLinks.Add(link);
        }

        return link;
    }
}
