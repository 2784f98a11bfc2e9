using Microsoft.Extensions.Options;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Hosting;

/// <summary>Settings are checked when the silo starts, not when a grain first needs them.</summary>
public sealed class ChatOptionsTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    [Fact]
    public async Task A_silo_with_too_few_password_iterations_or_a_nonsense_rate_limit_does_not_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ChatSilo.StartAsync(fixture.ConnectionString, configure: options =>
        {
            options.PasswordIterations = 100_000;
            options.RateLimit.PermitLimit = 0;
        }));

        Assert.Contains(error.Failures, f => f.Contains("PasswordIterations", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("RateLimit:PermitLimit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silo_with_no_group_commit_writer_or_a_transaction_cap_below_one_conversation_batch_does_not_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ChatSilo.StartAsync(fixture.ConnectionString, configure: options =>
        {
            options.GroupCommitWriters = 0;
            options.GroupCommitMaxMessages = options.MaxBatchSize - 1;
        }));

        Assert.Contains(error.Failures, f => f.Contains("GroupCommitWriters", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("GroupCommitMaxMessages", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid_and_follow_the_product_limits()
    {
        var options = new ChatOptions();

        var result = new ChatOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal((4_000, 5, TimeSpan.FromSeconds(5), 210_000), (options.MaxMessageLength, options.RateLimit.PermitLimit, options.RateLimit.Window, options.PasswordIterations));
    }

    [Fact]
    public async Task The_chat_tables_are_created_by_the_start_up_migration()
    {
        var tables = await fixture.Silo.CountAsync("""
            SELECT count(*) FROM information_schema.tables
            WHERE table_name IN ('chat_users', 'chat_rooms', 'chat_room_members', 'chat_room_bans', 'chat_room_invites', 'chat_messages',
                                 'chat_message_revisions', 'chat_message_reactions', 'chat_read_positions', 'chat_notifications',
                                 'chat_relationships', 'chat_user_blocks', 'chat_game_invites', 'chat_direct_threads', 'chat_audit_log')
            """);

        Assert.Equal(15, tables);
    }
}
