using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Persistence;

public sealed class PostgreSqlGrainStorageTests : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string StateName = "profile";
    private const string KeepingStorage = "keeping";
    private const string DeletingStorage = "deleting";

    private readonly PostgresFixture _postgres;
    private readonly string _serviceId = "svc-" + Guid.NewGuid().ToString("N");
    private IHost _host = null!;
    private NpgsqlDataSource _dataSource = null!;

    public PostgreSqlGrainStorageTests(PostgresFixture postgres)
    {
        _postgres = postgres;
        TestState.EnsureCodec();
    }

    public async Task InitializeAsync()
    {
        _host = await StorageHost.StartAsync(_postgres.ConnectionString, services => services
            .AddPostgreSqlGrainStorage(KeepingStorage, options => options.ServiceId = _serviceId)
            .AddPostgreSqlGrainStorage(DeletingStorage, options =>
            {
                options.ServiceId = _serviceId;
                options.DeleteStateOnClear = true;
            }));
        _dataSource = _host.Services.GetRequiredService<NpgsqlDataSource>();
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(KeepingStorage);

    [Fact]
    public async Task Reading_a_grain_never_written_reports_no_record_and_leaves_the_default_state()
    {
        var fresh = new TestState("default", 0);
        var state = new GrainState<TestState>(fresh);

        await Storage.ReadStateAsync(StateName, NewGrain(), state, CancellationToken.None);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.Same(fresh, state.State);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_version()
    {
        var grain = NewGrain();
        var written = new GrainState<TestState>(new TestState("Ada", 1));

        await Storage.WriteStateAsync(StateName, grain, written, CancellationToken.None);
        written.State = written.State with { Count = 2 };
        await Storage.WriteStateAsync(StateName, grain, written, CancellationToken.None);
        var read = await ReadAsync(Storage, grain);

        Assert.Equal("2", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(new TestState("Ada", 2), read.State);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Of_two_writers_holding_the_same_etag_exactly_one_wins_and_no_update_is_lost()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState("v1", 1)), CancellationToken.None);
        var first = await ReadAsync(Storage, grain);
        var second = await ReadAsync(Storage, grain);
        first.State = new TestState("first", 10);
        second.State = new TestState("second", 20);

        var outcomes = await Task.WhenAll(
            CaptureAsync(() => Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None)),
            CaptureAsync(() => Storage.WriteStateAsync(StateName, grain, second, CancellationToken.None)));

        Assert.Single(outcomes, outcome => outcome is null);
        var conflict = Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, outcome => outcome is not null));
        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        var winner = outcomes[0] is null ? first : second;
        var loser = outcomes[0] is null ? second : first;
        Assert.Equal("1", loser.ETag);
        var stored = await ReadAsync(Storage, grain);
        Assert.Equal(winner.State, stored.State);
        Assert.Equal("2", stored.ETag);
    }

    [Fact]
    public async Task Of_two_first_writers_exactly_one_inserts()
    {
        var grain = NewGrain();
        var first = new GrainState<TestState>(new TestState("first", 1));
        var second = new GrainState<TestState>(new TestState("second", 2));

        var outcomes = await Task.WhenAll(
            CaptureAsync(() => Storage.WriteStateAsync(StateName, grain, first, CancellationToken.None)),
            CaptureAsync(() => Storage.WriteStateAsync(StateName, grain, second, CancellationToken.None)));

        Assert.Single(outcomes, outcome => outcome is null);
        var conflict = Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, outcome => outcome is not null));
        Assert.Equal("1", conflict.StoredEtag);
        Assert.Null(conflict.CurrentEtag);
        var winner = outcomes[0] is null ? first : second;
        var stored = await ReadAsync(Storage, grain);
        Assert.Equal(winner.State, stored.State);
        Assert.Equal("1", stored.ETag);
    }

    [Fact]
    public async Task A_write_after_the_record_was_deleted_reports_that_nothing_is_stored()
    {
        var grain = NewGrain();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(DeletingStorage);
        var stale = new GrainState<TestState>(new TestState("a", 1));
        await storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None);
        var other = await ReadAsync(storage, grain);
        await storage.ClearStateAsync(StateName, grain, other, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None));

        Assert.Null(conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Contains(grain.ToString(), conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_keeps_the_row_without_payload_and_a_later_write_continues_its_version()
    {
        var grain = NewGrain();
        var state = new GrainState<TestState>(new TestState("a", 1));
        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        await Storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);
        var afterClear = await ReadAsync(Storage, grain);

        Assert.Equal("2", state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal("2", afterClear.ETag);
        Assert.False(afterClear.RecordExists);
        Assert.Equal(new TestState("default", 0), afterClear.State);
        Assert.Equal(1L, await CountRowsAsync(grain));

        afterClear.State = new TestState("b", 2);
        await Storage.WriteStateAsync(StateName, grain, afterClear, CancellationToken.None);

        var reread = await ReadAsync(Storage, grain);
        Assert.Equal(new TestState("b", 2), reread.State);
        Assert.Equal("3", reread.ETag);
        Assert.True(reread.RecordExists);
    }

    [Fact]
    public async Task Clearing_with_delete_on_clear_removes_the_row_and_a_later_write_starts_again()
    {
        var grain = NewGrain();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(DeletingStorage);
        var state = new GrainState<TestState>(new TestState("a", 1));
        await storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        await storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await CountRowsAsync(grain));

        state.State = new TestState("b", 2);
        await storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        var reread = await ReadAsync(storage, grain);
        Assert.Equal(new TestState("b", 2), reread.State);
        Assert.Equal("1", reread.ETag);
    }

    [Theory]
    [InlineData(KeepingStorage)]
    [InlineData(DeletingStorage)]
    public async Task Clearing_with_no_etag_and_no_record_does_nothing(string storageName)
    {
        var grain = NewGrain();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(storageName);
        var state = new GrainState<TestState>(new TestState("default", 0));

        await storage.ClearStateAsync(StateName, grain, state, CancellationToken.None);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0L, await CountRowsAsync(grain));
    }

    [Theory]
    [InlineData(KeepingStorage)]
    [InlineData(DeletingStorage)]
    public async Task Clearing_with_a_stale_etag_is_refused_and_keeps_the_stored_state(string storageName)
    {
        var grain = NewGrain();
        var storage = _host.Services.GetRequiredKeyedService<IGrainStorage>(storageName);
        var stale = new GrainState<TestState>(new TestState("a", 1));
        await storage.WriteStateAsync(StateName, grain, stale, CancellationToken.None);
        var current = await ReadAsync(storage, grain);
        current.State = new TestState("b", 2);
        await storage.WriteStateAsync(StateName, grain, current, CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.ClearStateAsync(StateName, grain, stale, CancellationToken.None));

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Equal(new TestState("b", 2), (await ReadAsync(storage, grain)).State);
    }

    [Fact]
    public async Task Grain_types_with_the_same_key_never_collide()
    {
        var key = Guid.NewGuid().ToString("N");
        var a = new GrainId("a", key);
        var b = new GrainId("b", key);

        await Storage.WriteStateAsync(StateName, a, new GrainState<TestState>(new TestState("from a", 1)), CancellationToken.None);
        await Storage.WriteStateAsync(StateName, b, new GrainState<TestState>(new TestState("from b", 2)), CancellationToken.None);

        Assert.Equal(new TestState("from a", 1), (await ReadAsync(Storage, a)).State);
        Assert.Equal(new TestState("from b", 2), (await ReadAsync(Storage, b)).State);
    }

    [Fact]
    public async Task Keys_that_are_equal_as_numbers_but_not_as_text_are_different_grains()
    {
        var type = "numeric-" + Guid.NewGuid().ToString("N");
        var padded = new GrainId(type, "020");
        var plain = new GrainId(type, "20");

        await Storage.WriteStateAsync(StateName, padded, new GrainState<TestState>(new TestState("020", 1)), CancellationToken.None);
        await Storage.WriteStateAsync(StateName, plain, new GrainState<TestState>(new TestState("20", 2)), CancellationToken.None);

        Assert.Equal(new TestState("020", 1), (await ReadAsync(Storage, padded)).State);
        Assert.Equal(new TestState("20", 2), (await ReadAsync(Storage, plain)).State);
    }

    [Fact]
    public async Task Storages_with_different_service_ids_do_not_see_each_other()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState("ours", 1)), CancellationToken.None);
        using var otherHost = await StorageHost.StartAsync(_postgres.ConnectionString, services =>
            services.AddPostgreSqlGrainStorageAsDefault(options => options.ServiceId = "other-" + Guid.NewGuid().ToString("N")));
        var other = otherHost.Services.GetRequiredKeyedService<IGrainStorage>(PersistentStateAttribute.DefaultStorageName);

        var read = await ReadAsync(other, grain);
        await otherHost.StopAsync();

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_corrupt_payload_fails_only_that_grain_with_an_error_naming_it()
    {
        var corrupt = NewGrain();
        var healthy = NewGrain();
        await Storage.WriteStateAsync(StateName, corrupt, new GrainState<TestState>(new TestState("x", 1)), CancellationToken.None);
        await Storage.WriteStateAsync(StateName, healthy, new GrainState<TestState>(new TestState("fine", 2)), CancellationToken.None);
        await using (var damage = _dataSource.CreateCommand("UPDATE grain_state SET payload = '\\xdeadbeef'::bytea WHERE grain_key = $1"))
        {
            damage.Parameters.Add(new NpgsqlParameter<string> { TypedValue = corrupt.Key });
            Assert.Equal(1, await damage.ExecuteNonQueryAsync());
        }

        var fresh = new TestState("default", 0);
        var state = new GrainState<TestState>(fresh);
        var error = await Assert.ThrowsAsync<GrainStateCorruptException>(
            () => Storage.ReadStateAsync(StateName, corrupt, state, CancellationToken.None));

        Assert.Equal(corrupt, error.GrainId);
        Assert.Contains(corrupt.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(StateName, error.Message, StringComparison.Ordinal);
        Assert.Contains(KeepingStorage, error.Message, StringComparison.Ordinal);
        Assert.Same(fresh, state.State);
        Assert.Null(state.ETag);
        Assert.Equal(new TestState("fine", 2), (await ReadAsync(Storage, healthy)).State);
    }

    [Fact]
    public async Task Payload_json_shows_the_state_to_operators()
    {
        var grain = NewGrain();

        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState("Ada", 7)), CancellationToken.None);

        Assert.Equal("Ada", await PayloadJsonAsync(grain, "payload_json ->> 'Name'"));
        Assert.Equal("7", await PayloadJsonAsync(grain, "payload_json ->> 'Count'"));
    }

    [Fact]
    public async Task State_that_json_cannot_render_is_still_written_with_a_null_json_view()
    {
        var grain = NewGrain();
        var state = new GrainState<OpaqueState>(new OpaqueState("opaque"));

        await Storage.WriteStateAsync(StateName, grain, state, CancellationToken.None);

        var read = new GrainState<OpaqueState>(new OpaqueState("default"));
        await Storage.ReadStateAsync(StateName, grain, read, CancellationToken.None);
        Assert.Equal(new OpaqueState("opaque"), read.State);
        Assert.Null(await PayloadJsonAsync(grain, "payload_json::text"));
    }

    [Fact]
    public async Task State_containing_a_nul_character_is_written_with_a_null_json_view()
    {
        var grain = NewGrain();

        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState("a\0b", 1)), CancellationToken.None);

        Assert.Equal(new TestState("a\0b", 1), (await ReadAsync(Storage, grain)).State);
        Assert.Null(await PayloadJsonAsync(grain, "payload_json::text"));
    }

    [Fact]
    public async Task An_etag_this_storage_never_issued_is_refused_as_a_conflict()
    {
        var grain = NewGrain();
        await Storage.WriteStateAsync(StateName, grain, new GrainState<TestState>(new TestState("a", 1)), CancellationToken.None);
        var foreign = new GrainState<TestState>(new TestState("b", 2)) { ETag = "W/\"0x8D\"" };

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grain, foreign, CancellationToken.None));

        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal(new TestState("a", 1), (await ReadAsync(Storage, grain)).State);
    }

    private static GrainId NewGrain() => new("user", Guid.NewGuid().ToString("N"));

    private static async Task<GrainState<TestState>> ReadAsync(IGrainStorage storage, GrainId grain)
    {
        var state = new GrainState<TestState>(new TestState("default", 0));
        await storage.ReadStateAsync(StateName, grain, state, CancellationToken.None);
        return state;
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private async Task<long> CountRowsAsync(GrainId grain)
    {
        await using var command = _dataSource.CreateCommand("SELECT count(*) FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Key });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string?> PayloadJsonAsync(GrainId grain, string expression)
    {
        await using var command = _dataSource.CreateCommand($"SELECT {expression} FROM grain_state WHERE grain_type = $1 AND grain_key = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Type });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grain.Key });
        return await command.ExecuteScalarAsync() as string;
    }
}
