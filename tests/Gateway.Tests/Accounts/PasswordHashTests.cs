using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Accounts;

public sealed class PasswordHashTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    // ASP.NET Core Identity's V3 layout: marker 0x01, PRF (uint32 BE), iteration count (uint32 BE),
    // salt length (uint32 BE), salt, subkey. PRF 2 is HMACSHA512 (KeyDerivationPrf enum).
    private const byte V3Marker = 0x01;
    private const uint HmacSha512 = 2;

    [Fact]
    public async Task Stored_hash_is_pbkdf2_hmac_sha512_with_at_least_210000_iterations()
    {
        var username = Names.Unique();
        const string Password = "a password for the hash test";
        await fixture.Gateway.Client.SignUpAsync(username, Password);

        var hash = Convert.FromBase64String(await ReadHashAsync(username));

        Assert.Equal(V3Marker, hash[0]);
        Assert.Equal(HmacSha512, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        var iterations = (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5));
        Assert.True(iterations >= 210_000, $"iteration count {iterations} is below 210,000");
        var saltLength = (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(9));
        Assert.Equal(16, saltLength);
        var salt = hash.AsSpan(13, saltLength);
        var subkey = hash.AsSpan(13 + saltLength);
        Assert.Equal(32, subkey.Length);

        // Recompute independently of ASP.NET Core: the subkey really is PBKDF2-HMAC-SHA512.
        var expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, iterations, HashAlgorithmName.SHA512, 32);
        Assert.True(expected.AsSpan().SequenceEqual(subkey), "the subkey is not PBKDF2-HMAC-SHA512 of the password");
    }

    [Fact]
    public async Task A_hash_with_too_few_iterations_still_logs_in_and_is_upgraded()
    {
        var username = Names.Unique("legacy");
        const string Password = "an older password hash";
        var weak = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 })).HashPassword(new object(), Password);
        await using (var dataSource = NpgsqlDataSource.Create(fixture.Postgres.ConnectionString))
        await using (var insert = dataSource.CreateCommand(
            "INSERT INTO accounts (user_id, username, username_normalized, password_hash, is_guest, created_at) VALUES ($1, $2, lower($2), $3, false, now())"))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = weak });
            await insert.ExecuteNonQueryAsync();
        }

        await fixture.Gateway.Client.LogInAsync(username, Password);

        var upgraded = Convert.FromBase64String(await ReadHashAsync(username));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(upgraded.AsSpan(5)) >= 210_000, "the hash was not upgraded to the current iteration count");
        await fixture.Gateway.Client.LogInAsync(username, Password);
    }

    [Fact]
    public async Task Two_accounts_with_the_same_password_get_different_salts()
    {
        var first = Names.Unique();
        var second = Names.Unique();
        await fixture.Gateway.Client.SignUpAsync(first);
        await fixture.Gateway.Client.SignUpAsync(second);

        Assert.NotEqual(await ReadHashAsync(first), await ReadHashAsync(second));
    }

    [Fact]
    public async Task Guest_accounts_have_no_password_hash()
    {
        var guest = await fixture.Gateway.Client.StartGuestAsync();

        await using var dataSource = NpgsqlDataSource.Create(fixture.Postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT password_hash IS NULL, is_guest FROM accounts WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = guest.User.UserId });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
    }

    private async Task<string> ReadHashAsync(string username)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT password_hash FROM accounts WHERE username_normalized = lower($1)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = username });
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
