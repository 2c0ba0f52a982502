using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Ports;

/// <summary>Where wallets are kept (their balances are not: those are the ledger's).</summary>
public interface IWalletStore
{
    /// <summary>Inserts the wallet, or returns the one already stored under its id with Created false (the caller compares).</summary>
    Task<OpenedWallet> InsertOrGetAsync(Wallet wallet, CancellationToken cancellationToken);

    /// <summary>A wallet, or null.</summary>
    Task<Wallet?> FindAsync(string walletId, CancellationToken cancellationToken);

    /// <summary>
    /// Wallets whose id or owner starts with <paramref name="text"/> (every wallet when null), ordered by
    /// id, after <paramref name="afterWalletId"/> when given, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<Wallet>> SearchAsync(string? text, string? afterWalletId, int limit, CancellationToken cancellationToken);
}
