using WalletFlow.Core.Gates;

namespace WalletFlow.Core.Ports;

/// <summary>walletflow's own records that the gates compare with the ledger.</summary>
public interface IReconciliationRecords
{
    /// <summary>Every hold row, open and closed.</summary>
    Task<IReadOnlyList<HoldRecord>> ListHoldsAsync(CancellationToken cancellationToken);

    /// <summary>Every row of the statements read model's balances.</summary>
    Task<IReadOnlyList<StatementBalance>> ListStatementBalancesAsync(CancellationToken cancellationToken);
}
