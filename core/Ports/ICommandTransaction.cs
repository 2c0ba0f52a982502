using WalletFlow.Core.Movements;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Ports;

/// <summary>
/// One command's database transaction (design.md §5, §6): the idempotency claim, the state the use
/// case reads under lock, and at the end the command row, state changes, statements, outbox event and
/// the claim's stored result, all committed together. Disposed without commit, nothing is written.
/// </summary>
public interface ICommandTransaction : IAsyncDisposable
{
    /// <summary>Claims <paramref name="key"/> for this request (hash of the canonical request), or says who has it.</summary>
    Task<ClaimResult> ClaimAsync(IdempotencyKey key, string operation, byte[] requestHash, CancellationToken cancellationToken);

    /// <summary>A wallet, or null.</summary>
    Task<Wallet?> FindWalletAsync(string walletId, CancellationToken cancellationToken);

    /// <summary>A hold, locked until the transaction ends, or null.</summary>
    Task<Hold?> LockHoldAsync(string holdId, CancellationToken cancellationToken);

    /// <summary>The owner's reserve policy, or null when the owner keeps no reserve.</summary>
    Task<ReservePolicy?> FindReservePolicyAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>The wallet's unreleased tranches matured at <paramref name="asOf"/>, locked, oldest first.</summary>
    Task<IReadOnlyList<ReserveTranche>> LockMaturedTranchesAsync(string walletId, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Locks the wallet until the transaction ends and answers the command id of its migration opening
    /// balance, or null when it has none: concurrent opening balances of one wallet queue here, so the
    /// second sees the first.
    /// </summary>
    Task<string?> LockOpeningBalanceAsync(string walletId, CancellationToken cancellationToken);

    /// <summary>Writes the command and its effects with the claim's result, and commits.</summary>
    Task CommitAsync(CommandRecord record, CancellationToken cancellationToken);
}
