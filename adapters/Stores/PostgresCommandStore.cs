using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Stores;

/// <summary>Command transactions on walletflow's PostgreSQL database.</summary>
public sealed class PostgresCommandStore(CommandsDataSource commands, TimeProvider time) : ICommandStore
{
    public async Task<ICommandTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await commands.DataSource.OpenConnectionAsync(cancellationToken);
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
