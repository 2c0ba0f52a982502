using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Wallets;

/// <summary>What every movement requires of a wallet it names, in one place.</summary>
public static class WalletRules
{
    /// <summary>The wallet, when it exists, is active and holds <paramref name="currency"/>; else a rejection naming <paramref name="field"/>.</summary>
    public static async Task<Result<Wallet>> RequireAsync(ICommandState transaction, string walletId, Currency currency, string field, CancellationToken cancellationToken)
    {
        var active = await RequireActiveAsync(transaction, walletId, field, cancellationToken);
        if (!active.TryGetValue(out var wallet, out var rejected))
            return rejected;
        if (wallet.Currency != currency)
            return new WalletCurrencyMismatch(walletId, wallet.Currency, currency) { Field = field };
        return wallet;
    }

    /// <summary>The wallet, when it exists and is active, whatever its currency (a movement that takes the wallet's own currency); else a rejection naming <paramref name="field"/>.</summary>
    public static async Task<Result<Wallet>> RequireActiveAsync(ICommandState transaction, string walletId, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var wallet = await transaction.FindWalletAsync(walletId, cancellationToken);
        if (wallet is null)
            return new NotFound("wallet", walletId) { Field = field };
        if (wallet.Status != WalletStatus.Active)
            return new StateConflict($"Wallet '{walletId}' is {wallet.Status.ToString().ToLowerInvariant()} and takes no movements.") { Field = field };
        return wallet;
    }
}
