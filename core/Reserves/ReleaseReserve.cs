using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// Rolling-reserve release on maturity (design.md §6): every tranche of the wallet matured by now
/// and not yet released is locked, their sum moves from <c>wallets:{id}:reserve</c> to
/// <c>wallets:{id}:main</c>, and the tranches are marked released by this command. Nothing matured is a
/// <see cref="StateConflict"/>, never an empty posting. Two concurrent releases cannot both take a
/// tranche: the second waits on its row lock and then no longer sees it as unreleased.
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
            var amount = Money.Zero(wallet.Currency);
            foreach (var tranche in tranches)
                amount += tranche.Amount;
            var call = new TemplateCall(TemplateNames.ReserveRelease, new Dictionary<string, TemplateVar>
            {
                ["reserve"] = new TemplateVar.Account(AccountAddresses.WalletReserve(id)),
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(id)),
                ["amount"] = new TemplateVar.Monetary(amount),
            });
            var trancheIds = tranches.Select(t => t.TrancheId).ToList();
            return new MovementPlan(call, "wallet", id, "ReserveReleased")
            {
                StateChanges = [new StateChange.ReserveTranchesReleased(trancheIds)],
                Attributes = new Dictionary<string, string>
                {
                    ["walletId"] = id,
                    ["amount"] = amount.FormatAmount(),
                    ["currency"] = wallet.Currency.Code,
                    ["tranches"] = string.Join(',', trancheIds),
                },
            };
        }, cancellationToken);
    }
}
