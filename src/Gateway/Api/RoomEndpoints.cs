using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/rooms</c>: directory, create, get, update, delete, join, leave, invite, transfer, audit log.</summary>
internal static class RoomEndpoints
{
    public const int DefaultPageSize = 50;

    public static void MapRoomEndpoints(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms");

        rooms.MapGet("/", ListAsync).WithName("ListRooms")
            .WithSummary("The public room directory (public and password rooms), by name.")
            .WithDescription("search: a name prefix (A-Z a-z 0-9 _ . -). Paging: pass nextAfter as after. limit 1-100 (default 50).")
            .Produces<RoomDirectoryPage>().ProducesProblem(StatusCodes.Status400BadRequest);
        rooms.MapPost("/", CreateAsync).RegisteredOnly().WithName("CreateRoom")
            .WithSummary("Create a room; the caller becomes its owner (registered users only).")
            .Produces<RoomView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        rooms.MapGet("/{roomId}", GetAsync).WithName("GetRoom")
            .WithSummary("A room's settings (private rooms: members and invitees only).")
            .Produces<RoomView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapPatch("/{roomId}", UpdateAsync).WithName("UpdateRoom")
            .WithSummary("Change name/topic (admin) or visibility/password (owner).")
            .Produces<RoomView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        rooms.MapDelete("/{roomId}", DeleteAsync).WithName("DeleteRoom")
            .WithSummary("Delete a room (owner). Its history is kept for audit.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapPost("/{roomId}/join", JoinAsync).WithName("JoinRoom")
            .WithSummary("Join a room (idempotent). Password rooms need the password or an invitation; private rooms an invitation.")
            .Produces<RoomView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        rooms.MapPost("/{roomId}/leave", LeaveAsync).WithName("LeaveRoom")
            .WithSummary("Leave a room (the owner must transfer it first).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);
        rooms.MapPost("/{roomId}/invites", InviteAsync).WithName("InviteToRoom")
            .WithSummary("Invite a user (private rooms: admins and the owner).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapPost("/{roomId}/transfer", TransferAsync).WithName("TransferRoom")
            .WithSummary("Make a member the owner; the old owner becomes an admin (owner only).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        rooms.MapGet("/{roomId}/audit", AuditAsync).WithName("GetRoomAuditLog")
            .WithSummary("The room's audit log, newest first (admin). Paging: pass the last id as before.")
            .Produces<AuditEntryView[]>().ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ListAsync(ChatGrains grains, string? search, string? after, int? limit)
    {
        var size = limit ?? DefaultPageSize;
        var page = await grains.Directory.ListRooms(search, after, size);
        var items = page.Select(ApiViews.RoomSummary).ToArray();
        return TypedResults.Ok(new RoomDirectoryPage(items, items.Length == size && items.Length > 0 ? items[^1].Name : null));
    }

    private static async Task<IResult> CreateAsync(ChatGrains grains, CreateRoomBody body)
    {
        if (!ApiText.TryParseVisibility(body.Visibility, out var visibility))
        {
            return InvalidVisibility();
        }

        var roomId = Guid.NewGuid().ToString("N")[..16];
        var room = await grains.Room(roomId).Create(new CreateRoomRequest(body.Name ?? string.Empty, body.Topic, visibility ?? RoomVisibility.Public, body.Password));
        return TypedResults.Created($"/api/rooms/{room.RoomId}", ApiViews.Room(room));
    }

    private static async Task<IResult> GetAsync(ChatGrains grains, string roomId) =>
        TypedResults.Ok(ApiViews.Room(await grains.Room(roomId).GetInfo()));

    private static async Task<IResult> UpdateAsync(ChatGrains grains, string roomId, UpdateRoomBody body)
    {
        if (!ApiText.TryParseVisibility(body.Visibility, out var visibility))
        {
            return InvalidVisibility();
        }

        return TypedResults.Ok(ApiViews.Room(await grains.Room(roomId).Update(new UpdateRoomRequest(body.Name, body.Topic, visibility, body.Password))));
    }

    private static async Task<IResult> DeleteAsync(ChatGrains grains, string roomId, string? reason)
    {
        await grains.Room(roomId).Delete(reason);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> JoinAsync(ChatGrains grains, string roomId, JoinRoomBody? body) =>
        TypedResults.Ok(ApiViews.Room(await grains.Room(roomId).Join(body?.Password)));

    private static async Task<IResult> LeaveAsync(ChatGrains grains, string roomId)
    {
        await grains.Room(roomId).Leave();
        return TypedResults.NoContent();
    }

    private static async Task<IResult> InviteAsync(ChatGrains grains, string roomId, UserIdBody body)
    {
        await grains.Room(roomId).Invite(body.UserId ?? string.Empty);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> TransferAsync(ChatGrains grains, string roomId, UserIdBody body)
    {
        await grains.Room(roomId).TransferOwnership(body.UserId ?? string.Empty);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AuditAsync(ChatGrains grains, string roomId, long? before, int? limit) =>
        TypedResults.Ok((await grains.Room(roomId).GetAuditLog(before, limit ?? DefaultPageSize)).Select(ApiViews.Audit).ToArray());

    private static IResult InvalidVisibility() =>
        Problems.Validation(new Dictionary<string, string[]> { ["visibility"] = ["Visibility is one of public, private, password."] });}
