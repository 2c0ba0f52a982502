using WalletFlow.Core.Movements;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Core.Ports;

/// <summary>Reserve policies (walletflow.reserve_policies and their change history) and the tranches due for release.</summary>
public interface IReserveStore
{
    /// <summary>
    /// Inserts or replaces the owner's policy, with its change row and <paramref name="policySet"/> in the
    /// outbox, in one transaction; false (nothing written) when no wallet belongs to the owner.
    /// </summary>
    Task<bool> SetPolicyAsync(ReservePolicyRecord policy, OutboxEvent policySet, CancellationToken cancellationToken);

    /// <summary>Every policy, or the one of <paramref name="ownerId"/>, by owner id.</summary>
    Task<IReadOnlyList<ReservePolicyRecord>> ListPoliciesAsync(string? ownerId, CancellationToken cancellationToken);

    /// <summary>Ids of unreleased tranches of active wallets matured at <see cref="DueReserveTranches.AsOf"/>, oldest maturity first.</summary>
    Task<IReadOnlyList<string>> ListDueTranchesAsync(DueReserveTranches query, CancellationToken cancellationToken);
}
