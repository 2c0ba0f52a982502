namespace WalletFlow.Core.Ports;

/// <summary>Opens command transactions (PostgreSQL in practice): claim, read state under lock, commit everything at once.</summary>
public interface ICommandStore
{
    /// <summary>A new command transaction; disposing it without <see cref="ICommandTransaction.CommitAsync"/> writes nothing.</summary>
    Task<ICommandTransaction> BeginAsync(CancellationToken cancellationToken);
}
