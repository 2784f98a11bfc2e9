using Npgsql;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Direct reads of the chat tables, to assert what was (not) stored.</summary>
public static class DatabaseExtensions
{
    public static async Task<long> CountAsync(this ChatSilo silo, string sql, params object[] parameters)
    {
        await using var command = silo.Database.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<(long Seq, string Text)>> StoredMessagesAsync(this ChatSilo silo, string conversationId)
    {
        await using var command = silo.Database.CreateCommand("SELECT seq, body FROM chat_messages WHERE conversation_id = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    public static async Task ExecuteAsync(this ChatSilo silo, string sql, params object[] parameters)
    {
        await using var command = silo.Database.CreateCommand(sql);
        command.CommandTimeout = 300;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }
}
