using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Scale;

/// <summary>
/// Big rooms: membership is one row per member, so a join writes one row whatever the room's size;
/// a message costs one delivery per subscribed gateway node, whatever the number of members.
/// Members are inserted with SQL to build the rooms quickly; everything measured goes through the grains.
/// </summary>
public sealed class ScaleTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Joining_and_leaving_a_room_of_100000_members_writes_one_member_row()
    {
        var owner = await Silo.NewUserAsync("owner");
        var roomId = await Silo.NewRoomAsync(owner);
        await AddMembersWithSqlAsync(roomId, 100_000);
        var newcomer = await Silo.NewUserAsync("newcomer");

        await Silo.JoinAsync(roomId, newcomer);

        // Every row written by the join's transaction carries its transaction id (xmin): exactly one member row does.
        Assert.Equal(1, await Silo.CountAsync("""
            SELECT count(*) FROM chat_room_members
            WHERE room_id = $1 AND xmin = (SELECT xmin FROM chat_room_members WHERE room_id = $1 AND user_id = $2)
            """, roomId, newcomer));
        Assert.Equal(100_002, await Silo.CountAsync("SELECT member_count FROM chat_rooms WHERE room_id = $1", roomId));
        As.User(newcomer);
        Assert.Equal(100_002, (await Silo.Room(roomId).GetInfo()).MemberCount);

        await Silo.Room(roomId).Leave();

        Assert.Equal(100_001, await Silo.CountAsync("SELECT count(*) FROM chat_room_members WHERE room_id = $1", roomId));
        Assert.Equal(100_001, await Silo.CountAsync("SELECT member_count FROM chat_rooms WHERE room_id = $1", roomId));
    }

    [Fact]
    public async Task A_message_to_a_room_of_10000_members_costs_one_delivery_per_subscribed_gateway_node()
    {
        var owner = await Silo.NewUserAsync("owner");
        var roomId = await Silo.NewRoomAsync(owner);
        await AddMembersWithSqlAsync(roomId, 10_000);
        var nodes = Enumerable.Range(0, 3).Select(i => Silo.Observer(Ids.New("node" + i))).ToList();
        As.User(owner);
        foreach (var node in nodes)
        {
            await Silo.Room(roomId).Subscribe(node);
        }

        var userGrainsBefore = Silo.ActivationCount("user");
        var posted = await Silo.Room(roomId).PostAsync(owner, "hello, ten thousand");

        foreach (var node in nodes)
        {
            await Wait.Until(async () => (await node.Events()).Length == 1, "each gateway node received the message");
        }

        Assert.All(await Task.WhenAll(nodes.Select(n => n.Events())), events => Assert.Equal([$"posted:{ConversationIds.ForRoom(roomId)}:{posted.Seq}"], events.ToArray()));
        Assert.Equal(3, (await Silo.RoomDiagnostics(roomId).GetLogStats()).Subscribers);
        Assert.Equal(userGrainsBefore, Silo.ActivationCount("user"));
    }

    private async Task AddMembersWithSqlAsync(string roomId, int count)
    {
        var prefix = Ids.New("m");
        await Silo.ExecuteAsync("""
            INSERT INTO chat_users (user_id, username, username_key, display_name, created_at, updated_at)
            SELECT $1 || '-' || g, $1 || '-' || g, lower($1 || '-' || g), 'member', now(), now() FROM generate_series(1, $2) g
            """, prefix, count);
        await Silo.ExecuteAsync("""
            INSERT INTO chat_room_members (room_id, user_id, role, joined_at)
            SELECT $1, $2 || '-' || g, 1, now() FROM generate_series(1, $3) g
            """, roomId, prefix, count);
        await Silo.ExecuteAsync("UPDATE chat_rooms SET member_count = member_count + $2 WHERE room_id = $1", roomId, count);

        // The room grain read its member count before the bulk insert; a fresh activation reads it again.
        await Silo.RoomDiagnostics(roomId).Deactivate();
    }
}
