using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Messaging;

namespace OrleansChat.Runtime.Tests.Messaging;

public sealed class MessagingOptionsTests
{
    [Fact]
    public void Defaults_with_a_cluster_id_are_valid()
    {
        var result = new MessagingOptionsValidator().Validate(null, new MessagingOptions { ClusterId = "prod" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validation_names_every_bad_setting()
    {
        var options = new MessagingOptions
        {
            ClusterId = " ",
            MaxFrameSize = 100,
            OutboundQueueCapacity = 0,
            ConnectTimeout = TimeSpan.Zero,
            ReconnectInitialDelay = TimeSpan.FromSeconds(10),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            CloseTimeout = TimeSpan.FromSeconds(-1),
        };

        var result = new MessagingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var name in new[] { "ClusterId", "MaxFrameSize", "OutboundQueueCapacity", "ConnectTimeout", "ReconnectMaxDelay", "CloseTimeout" })
        {
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Host_with_invalid_messaging_options_fails_at_start_up()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenForMessaging(new IPEndPoint(IPAddress.Loopback, 0)));
        builder.Services.AddMessaging(options => options.OutboundQueueCapacity = -5);
        builder.Services.AddSingleton<IMessageHandler>(new EchoHandler());
        builder.Services.AddSingleton(PeerIdentity.ForClient("options-test"));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("ClusterId", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutboundQueueCapacity", error.Message, StringComparison.Ordinal);
    }
}
