using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Rooms;

/// <summary>Two activations of one room (a split brain during a membership change): the settings' version guards them.</summary>
public sealed class RoomConcurrencyTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task A_settings_change_from_a_stale_activation_is_refused_and_the_next_attempt_sees_the_current_room()
    {
        await using var siloA = await ChatSilo.StartAsync(fixture.ConnectionString);
        await using var siloB = await ChatSilo.StartAsync(fixture.ConnectionString);
        var owner = await siloA.NewUserAsync("owner");
        var roomId = await siloA.NewRoomAsync(owner);
        As.User(owner);
        await siloB.Room(roomId).GetInfo();

        await siloA.Room(roomId).Update(new UpdateRoomRequest(Topic: "from A"));
        await Refused.With(ChatErrorCodes.RoomConflict, () => siloB.Room(roomId).Update(new UpdateRoomRequest(Name: roomId + "-b")));
        var retried = await siloB.Room(roomId).Update(new UpdateRoomRequest(Name: roomId + "-b"));

        Assert.Equal(("from A", roomId + "-b"), (retried.Topic, retried.Name));
    }
}
