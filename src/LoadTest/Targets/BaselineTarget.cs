namespace OrleansChat.LoadTest.Targets;

/// <summary>The bare baseline hub: no accounts and no room API; a user id is the access token, a room exists once used.</summary>
internal sealed class BaselineTarget(Uri hubUrl, string runId) : IChatTarget
{
    public string Kind => "baseline";

    public Uri HubUrl { get; } = hubUrl;

    public Task<ChatIdentity> SignInAsync(int index, CancellationToken cancellationToken)
    {
        var userId = Guid.NewGuid().ToString();
        return Task.FromResult(new ChatIdentity(userId, $"lt-{runId}-{index}", userId, userId));
    }

    public Task<string> CreateRoomAsync(ChatIdentity owner, string name, CancellationToken cancellationToken) =>
        Task.FromResult($"room:{runId}-{name}");

    public Task JoinRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task LeaveRoomAsync(ChatIdentity member, string conversationId, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
