using WalletFlow.Core.Movements;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Ports;

/// <summary>
/// The state a movement's plan reads inside the transaction that will write it (design.md §6). What
/// it locks stays locked until that transaction ends, so the decision still holds when it commits.
/// </summary>
public interface ICommandState
{
    /// <summary>A wallet, or null.</summary>
    Task<Wallet?> FindWalletAsync(string walletId, CancellationToken cancellationToken);

    /// <summary>A hold, locked until the transaction ends, or null.</summary>
    Task<Hold?> LockHoldAsync(string holdId, CancellationToken cancellationToken);

    /// <summary>The owner's reserve policy, or null when the owner keeps no reserve.</summary>
    Task<ReservePolicy?> FindReservePolicyAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>The wallet's unreleased tranches matured at <paramref name="asOf"/>, locked, oldest first.</summary>
    Task<IReadOnlyList<ReserveTranche>> LockMaturedTranchesAsync(string walletId, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>
    /// One tranche, released or not, locked until the transaction ends, or null when there is none. It
    /// queues behind a release of its wallet's tranches (<see cref="LockMaturedTranchesAsync"/>) and
    /// then sees the release.
    /// </summary>
    Task<ReserveTranche?> LockReserveTrancheAsync(string trancheId, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the wallet until the transaction ends and answers the command id of its migration opening
    /// balance, or null when it has none: concurrent opening balances of one wallet queue here, so the
    /// second sees the first.
    /// </summary>
    Task<string?> LockOpeningBalanceAsync(string walletId, CancellationToken cancellationToken);
}
