using Npgsql;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Identity;

/// <summary>identity.api_clients: a client's row and the SHA-256 of its key.</summary>
public sealed class PostgresApiClientStore(NpgsqlDataSource dataSource) : IApiClientStore
{
    private const string Columns = "client_id, name, scopes, created_at, created_by, revoked_at, revoked_by";

    public async Task<bool> AddAsync(ApiClient client, byte[] keyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO identity.api_clients (client_id, name, key_hash, scopes, created_at, created_by)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (name) WHERE revoked_at IS NULL DO NOTHING
            """);
        AddRow(command, client, keyHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> AddFirstAsync(ApiClient client, byte[] keyHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // The transaction-scoped advisory lock serialises two first starts: the second sees the first's row.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('walletflow.identity.first_client'))", connection, transaction))
            await take.ExecuteNonQueryAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO identity.api_clients (client_id, name, key_hash, scopes, created_at, created_by)
            SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM identity.api_clients)
            """, connection, transaction);
        AddRow(command, client, keyHash);
        var added = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<ApiClient?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM identity.api_clients WHERE key_hash = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = keyHash });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiClient>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM identity.api_clients ORDER BY created_at, client_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var clients = new List<ApiClient>();
        while (await reader.ReadAsync(cancellationToken))
            clients.Add(Read(reader));
        return clients;
    }

    public async Task<ApiClient?> RevokeAsync(string name, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE identity.api_clients SET revoked_at = $2, revoked_by = $3
            WHERE name = $1 AND revoked_at IS NULL
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = revokedBy });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static void AddRow(NpgsqlCommand command, ApiClient client, byte[] keyHash)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = client.ClientId });
        command.Parameters.Add(new NpgsqlParameter { Value = client.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = keyHash });
        command.Parameters.Add(new NpgsqlParameter { Value = client.Scopes.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = client.CreatedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = client.CreatedBy });
    }

    private static ApiClient Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
        reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6));
}
