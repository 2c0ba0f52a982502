using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// Rolling-reserve release on maturity (design.md §6), by hand (POST /v1/reserves/release): every
/// tranche of the wallet matured by now and not yet released is locked and released in one movement
/// (<see cref="ReserveReleaseMovement"/>). Nothing matured is a <see cref="StateConflict"/>, never an
/// empty posting. Two concurrent releases cannot both take a tranche: the second waits on its row lock
/// and then no longer sees it as unreleased. The maturity timer releases tranche by tranche
/// (<see cref="ReleaseReserveTranche"/>) through the same movement.
/// </summary>
public sealed class ReleaseReserve(MovementPipeline pipeline, TimeProvider time)
{
    /// <summary>Releases the matured tranches, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(ReleaseReserveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var walletId = MovementInput.Id(request.WalletId, "walletId");
        if (!walletId.TryGetValue(out var id, out var rejected))
            return rejected;

        return await pipeline.RunAsync(TemplateNames.ReserveRelease, request.Key, new { walletId = id }, async (transaction, ct) =>
        {
            var active = await WalletRules.RequireActiveAsync(transaction, id, "walletId", ct);
            if (!active.TryGetValue(out var wallet, out var refused))
                return refused;
            var tranches = await transaction.LockMaturedTranchesAsync(id, time.GetUtcNow(), ct);
            if (tranches.Count == 0)
                return new StateConflict($"Wallet '{id}' has no matured reserve tranche to release.") { Field = "walletId" };
            return ReserveReleaseMovement.Plan(id, wallet.Currency, tranches);
        }, cancellationToken);
    }
}
