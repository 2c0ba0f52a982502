using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// One matured tranche back to its wallet: the maturity timer's release (design.md §6), through the
/// same movement as a wallet's release by hand (<see cref="ReserveReleaseMovement"/>). The tranche is
/// locked first, so a release by hand and the timer queue on it and the later one sees it released
/// (<see cref="ReserveTrancheAlreadyReleased"/>); one not matured yet is a <see cref="StateConflict"/>.
/// </summary>
public sealed class ReleaseReserveTranche(MovementPipeline pipeline, TimeProvider time)
{
    /// <summary>Releases the tranche, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(ReleaseReserveTrancheRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trancheId = MovementInput.Id(request.TrancheId, "trancheId");
        if (!trancheId.TryGetValue(out var id, out var rejected))
            return rejected;

        return await pipeline.RunAsync(TemplateNames.ReserveRelease, request.Key, new { trancheId = id }, async (transaction, ct) =>
        {
            var tranche = await transaction.LockReserveTrancheAsync(id, ct);
            if (tranche is null)
                return new NotFound("reserve tranche", id) { Field = "trancheId" };
            if (tranche.ReleasedBy is { } releasedBy)
                return new ReserveTrancheAlreadyReleased(id, releasedBy) { Field = "trancheId" };
            if (tranche.MaturesAt > time.GetUtcNow())
                return new StateConflict($"Reserve tranche '{id}' matures at {tranche.MaturesAt:u}.") { Field = "trancheId" };
            var active = await WalletRules.RequireActiveAsync(transaction, tranche.WalletId, "walletId", ct);
            if (!active.TryGetValue(out var wallet, out var refused))
                return refused;
            return ReserveReleaseMovement.Plan(wallet.WalletId, wallet.Currency, [tranche]);
        }, cancellationToken);
    }
}
