using Npgsql;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>Command transactions on walletflow's PostgreSQL database.</summary>
public sealed class PostgresCommandStore(NpgsqlDataSource dataSource, TimeProvider time) : ICommandStore
{
    public async Task<ICommandTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresCommandTransaction(connection, transaction, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
