using OrleansChat.Gateway.Hubs;

namespace OrleansChat.Gateway.Tests.Hubs;

public sealed class ChatHubProtocolTests
{
    [Theory]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] You are banned.", "[room.banned] You are banned.")]
    [InlineData("[rate_limited] Too many requests; slow down.", "[rate_limited] Too many requests; slow down.")]
    [InlineData("Failed to invoke 'Send' due to an error on the server.", "[request.invalid] Failed to invoke 'Send' due to an error on the server.")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server.", "[server.error] An unexpected error occurred invoking 'Send' on the server.")]
    public void Errors_reach_clients_starting_with_their_code(string serverText, string clientText)
    {
        Assert.Equal(clientText, ChatHubProtocol.ClientError(serverText));
    }
}
