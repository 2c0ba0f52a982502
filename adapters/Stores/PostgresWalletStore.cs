using System.Data.Common;
using Npgsql;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Adapters.Stores;

/// <summary>walletflow.wallets.</summary>
public sealed class PostgresWalletStore(NpgsqlDataSource dataSource) : IWalletStore
{
    private const string Columns = "wallet_id, owner_id, currency, status, created_at";

    public async Task<OpenedWallet> InsertOrGetAsync(Wallet wallet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        // ON CONFLICT DO UPDATE (a no-op) rather than DO NOTHING so the existing row comes back in the same statement.
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO walletflow.wallets ({Columns}) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (wallet_id) DO UPDATE SET wallet_id = EXCLUDED.wallet_id
            RETURNING {Columns}, xmax = 0
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = wallet.WalletId });
        command.Parameters.Add(new NpgsqlParameter { Value = wallet.OwnerId });
        command.Parameters.Add(new NpgsqlParameter { Value = wallet.Currency.Code });
        command.Parameters.Add(new NpgsqlParameter { Value = StatusText(wallet.Status) });
        command.Parameters.Add(new NpgsqlParameter { Value = wallet.CreatedAt });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        // xmax is 0 on a row this statement inserted, and set on one it merely locked.
        return new OpenedWallet(ReadWallet(reader), Created: reader.GetBoolean(5));
    }

    public async Task<Wallet?> FindAsync(string walletId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM walletflow.wallets WHERE wallet_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = walletId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadWallet(reader) : null;
    }

    public async Task<IReadOnlyList<Wallet>> SearchAsync(string? text, string? afterWalletId, int limit, CancellationToken cancellationToken)
    {
        // starts_with, not LIKE: the text is data, never a pattern.
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM walletflow.wallets
            WHERE ($1::text IS NULL OR starts_with(wallet_id, $1) OR starts_with(owner_id, $1))
              AND ($2::text IS NULL OR wallet_id > $2)
            ORDER BY wallet_id LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)text ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)afterWalletId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var wallets = new List<Wallet>();
        while (await reader.ReadAsync(cancellationToken))
            wallets.Add(ReadWallet(reader));
        return wallets;
    }

    /// <summary>A wallet from a row of <c>wallet_id, owner_id, currency, status, created_at</c>.</summary>
    internal static Wallet ReadWallet(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Currency.Find(reader.GetString(2)).Value,
        Enum.Parse<WalletStatus>(reader.GetString(3), ignoreCase: true),
        reader.GetFieldValue<DateTimeOffset>(4));

    private static string StatusText(WalletStatus status) => status.ToString().ToLowerInvariant();
}
