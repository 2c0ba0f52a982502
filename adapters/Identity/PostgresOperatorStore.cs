using Npgsql;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Identity;

/// <summary>identity.operators: accounts, their password hashes and their lock-out state.</summary>
public sealed class PostgresOperatorStore(NpgsqlDataSource dataSource) : IOperatorStore
{
    private const string Columns = "name, role, password_hash, failed_attempts, locked_until, created_at";

    public async Task<bool> AddAsync(OperatorAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO identity.operators (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (name) DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = account.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = OperatorRoles.Name(account.Role) });
        command.Parameters.Add(new NpgsqlParameter { Value = account.PasswordHash });
        command.Parameters.Add(new NpgsqlParameter { Value = account.CreatedAt });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<OperatorAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM identity.operators WHERE name = $1 AND disabled_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<OperatorAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM identity.operators ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<OperatorAccount>();
        while (await reader.ReadAsync(cancellationToken))
            accounts.Add(Read(reader));
        return accounts;
    }

    public async Task<OperatorAccount?> RecordFailureAsync(string name, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        // One statement, so two wrong passwords at once both count.
        await using var command = dataSource.CreateCommand($"""
            UPDATE identity.operators
            SET failed_attempts = failed_attempts + 1,
                locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN $3 ELSE locked_until END
            WHERE name = $1
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = lockAfter });
        command.Parameters.Add(new NpgsqlParameter { Value = lockUntil });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task RecordSuccessAsync(string name, string? rehashedPassword, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE identity.operators SET failed_attempts = 0, locked_until = NULL, password_hash = coalesce($2, password_hash)
            WHERE name = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)rehashedPassword ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static OperatorAccount Read(NpgsqlDataReader reader)
    {
        if (!OperatorRoles.TryParse(reader.GetString(1), out var role))
            throw new InvalidOperationException($"identity.operators holds an unknown role '{reader.GetString(1)}'."); // the table's CHECK forbids it
        return new OperatorAccount(reader.GetString(0), role, reader.GetString(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
    }
}
