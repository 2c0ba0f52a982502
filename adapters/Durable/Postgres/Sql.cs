using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>Positional-parameter commands for the store's batches ($1, $2, … in argument order).</summary>
internal static class Sql
{
    public static NpgsqlBatchCommand Command(string text, params object?[] arguments)
    {
        var command = new NpgsqlBatchCommand(text);
        foreach (var argument in arguments)
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        return command;
    }

    /// <summary>A UTC instant PostgreSQL's timestamptz accepts, whatever kind the runtime handed over.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
