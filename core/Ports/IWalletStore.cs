using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Ports;

/// <summary>Where wallets are kept (their balances are not: those are the ledger's).</summary>
public interface IWalletStore
{
    /// <summary>Inserts the wallet, or returns the one already stored under its id with Created false (the caller compares).</summary>
    Task<OpenedWallet> InsertOrGetAsync(Wallet wallet, CancellationToken cancellationToken);

    /// <summary>A wallet, or null.</summary>
    Task<Wallet?> FindAsync(string walletId, CancellationToken cancellationToken);
}
