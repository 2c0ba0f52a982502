using System.Numerics;
using Npgsql;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>Reads walletflow.holds and walletflow.statement_balances for the gates.</summary>
public sealed class PostgresReconciliationRecords(NpgsqlDataSource dataSource) : IReconciliationRecords
{
    public async Task<IReadOnlyList<HoldRecord>> ListHoldsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT hold_id, wallet_id, currency, amount, fee, status = 'open' FROM walletflow.holds");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var holds = new List<HoldRecord>();
        while (await reader.ReadAsync(cancellationToken))
            holds.Add(new HoldRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetBoolean(5)));
        return holds;
    }

    public async Task<IReadOnlyList<StatementBalance>> ListStatementBalancesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT account, asset, wallet_id, balance FROM walletflow.statement_balances");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StatementBalance>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StatementBalance(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<BigInteger>(3)));
        return rows;
    }
}
