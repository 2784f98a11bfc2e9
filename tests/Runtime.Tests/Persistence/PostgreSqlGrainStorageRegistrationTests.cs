using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Persistence;

public sealed class PostgreSqlGrainStorageRegistrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_storage_without_a_service_id_fails_start_up_naming_the_option(string serviceId)
    {
        using var host = StorageHost.Build(postgres.ConnectionString, services =>
            services.AddPostgreSqlGrainStorage("chat", options => options.ServiceId = serviceId));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ServiceId", error.Message, StringComparison.Ordinal);
        Assert.Contains("'chat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_timeout_below_one_second_fails_start_up()
    {
        using var host = StorageHost.Build(postgres.ConnectionString, services =>
            services.AddPostgreSqlGrainStorageAsDefault(options =>
            {
                options.ServiceId = "svc";
                options.CommandTimeout = TimeSpan.FromMilliseconds(10);
            }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("CommandTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_two_storages_with_one_name_is_refused()
    {
        var services = new ServiceCollection();
        services.AddPostgreSqlGrainStorage("chat", options => options.ServiceId = "a");

        var error = Assert.Throws<InvalidOperationException>(
            () => services.AddPostgreSqlGrainStorage("chat", options => options.ServiceId = "b"));

        Assert.Contains("'chat'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_without_echoing_it()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(
            () => services.AddOrleansChatPostgres("Host=127.0.0.1;Password=s3cret-pw;Bogus Keyword=1"));

        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_with_an_infinite_connect_timeout_is_refused()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(
            () => services.AddOrleansChatPostgres("Host=127.0.0.1;Username=postgres;Timeout=0"));

        Assert.Contains("Timeout=0", error.Message, StringComparison.Ordinal);
    }
}
