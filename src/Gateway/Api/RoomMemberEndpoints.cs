using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/rooms/{roomId}/members</c> and <c>/bans</c>: the member list with presence, and moderation.</summary>
internal static class RoomMemberEndpoints
{
    public static void MapRoomMemberEndpoints(this RouteGroupBuilder api)
    {
        var room = api.MapGroup("/rooms/{roomId}").WithTags("Room members");

        room.MapGet("/members", ListAsync).WithName("ListRoomMembers")
            .WithSummary("Members with roles and presence, by user id. Paging: pass nextAfter as after; limit 1-100 (default 50).")
            .Produces<MemberPageView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        room.MapPost("/members/{userId}/kick", KickAsync).WithName("KickMember")
            .WithSummary("Remove a lower-ranked member (admin).").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapPost("/members/{userId}/ban", BanAsync).WithName("BanUser")
            .WithSummary("Ban a user (and remove them): for durationMinutes, or until unbanned when absent (admin).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapPost("/members/{userId}/mute", MuteAsync).WithName("MuteMember")
            .WithSummary("Stop a lower-ranked member from posting, reacting and typing for durationMinutes (admin).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapPost("/members/{userId}/unmute", UnmuteAsync).WithName("UnmuteMember")
            .WithSummary("Lift a mute (admin).").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapPut("/members/{userId}/role", SetRoleAsync).WithName("SetMemberRole")
            .WithSummary("Promote (role admin) or demote (role member) a member (owner).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapGet("/bans", BansAsync).WithName("ListBans")
            .WithSummary("Active bans (admin).").Produces<BanView[]>().ProducesProblem(StatusCodes.Status403Forbidden);
        room.MapDelete("/bans/{userId}", UnbanAsync).WithName("Unban")
            .WithSummary("Lift a ban (admin).").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(ChatGrains grains, string roomId, string? after, int? limit)
    {
        var page = await grains.Room(roomId).GetMembers(after, limit ?? RoomEndpoints.DefaultPageSize);

        // Presence lives in each user's grain; the page is at most 100, read in parallel as the caller.
        var profiles = await Task.WhenAll(page.Members.Select(m => TryProfileAsync(grains, m.UserId)));
        var items = page.Members.Select((m, i) => new MemberView(
            m.UserId,
            profiles[i]?.Username ?? m.UserId,
            profiles[i]?.DisplayName ?? m.UserId,
            ApiText.Role(m.Role),
            ApiText.Presence(profiles[i]?.Presence ?? PresenceStatus.Offline),
            profiles[i]?.CustomStatus,
            m.JoinedAt,
            m.MutedUntil)).ToArray();
        return TypedResults.Ok(new MemberPageView(items, page.NextAfter));
    }

    private static async Task<UserProfile?> TryProfileAsync(ChatGrains grains, string userId)
    {
        try
        {
            return await grains.User(userId).GetProfile();
        }
        catch (Exception ex) when (GrainErrors.TryTranslate(ex, out _))
        {
            // One unreadable profile must not fail the whole member list.
            return null;
        }
    }

    private static async Task<IResult> KickAsync(ChatGrains grains, string roomId, string userId, ModerationBody? body)
    {
        await grains.Room(roomId).Kick(userId, body?.Reason);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> BanAsync(ChatGrains grains, string roomId, string userId, ModerationBody? body)
    {
        await grains.Room(roomId).Ban(userId, Minutes(body?.DurationMinutes), body?.Reason);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> MuteAsync(ChatGrains grains, string roomId, string userId, ModerationBody? body)
    {
        if (body?.DurationMinutes is not { } minutes)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["durationMinutes"] = ["A mute needs a duration in minutes."] });
        }

        await grains.Room(roomId).Mute(userId, TimeSpan.FromMinutes(minutes), body.Reason);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnmuteAsync(ChatGrains grains, string roomId, string userId)
    {
        await grains.Room(roomId).Unmute(userId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SetRoleAsync(ChatGrains grains, string roomId, string userId, RoleBody body)
    {
        switch (body.Role)
        {
            case "admin":
                await grains.Room(roomId).Promote(userId);
                return TypedResults.NoContent();
            case "member":
                await grains.Room(roomId).Demote(userId);
                return TypedResults.NoContent();
            default:
                return Problems.Validation(new Dictionary<string, string[]> { ["role"] = ["Role is admin or member (use /transfer to change the owner)."] });
        }
    }

    private static async Task<IResult> BansAsync(ChatGrains grains, string roomId) =>
        TypedResults.Ok((await grains.Room(roomId).GetBans()).Select(ApiViews.Ban).ToArray());

    private static async Task<IResult> UnbanAsync(ChatGrains grains, string roomId, string userId)
    {
        await grains.Room(roomId).Unban(userId);
        return TypedResults.NoContent();
    }

    private static TimeSpan? Minutes(int? minutes) => minutes is { } m ? TimeSpan.FromMinutes(m) : null;
}
