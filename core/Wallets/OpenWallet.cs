using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Wallets;

/// <summary>
/// Opens a wallet. Opening moves no money, so the wallet id is its own idempotency: the same id with
/// the same owner and currency returns the wallet; with anything else it is a conflict.
/// </summary>
public sealed class OpenWallet(IWalletStore wallets, TimeProvider time)
{
    /// <summary>The wallet, or a rejection.</summary>
    public async Task<Result<OpenedWallet>> RunAsync(OpenWalletRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from currency in MovementInput.Currency(request.Currency, "currency")
            from owner in MovementInput.Text(request.OwnerId, "ownerId", 128)
            from walletId in request.WalletId is null ? Result.Success("w_" + Guid.NewGuid().ToString("N")) : MovementInput.Id(request.WalletId, "walletId")
            select new Wallet(walletId, owner, currency, WalletStatus.Active, time.GetUtcNow());
        if (!input.TryGetValue(out var wallet, out var rejected))
            return rejected;
        var stored = await wallets.InsertOrGetAsync(wallet, cancellationToken);
        if (stored.Wallet.OwnerId != wallet.OwnerId || stored.Wallet.Currency != wallet.Currency)
            return new StateConflict($"Wallet '{wallet.WalletId}' already exists for another owner or currency.") { Field = "walletId" };
        return stored;
    }
}
