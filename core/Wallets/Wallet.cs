using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Wallets;

/// <summary>A customer wallet: who owns it and its one currency. Its balances live only in the ledger.</summary>
/// <param name="WalletId">The id (an address segment).</param>
/// <param name="OwnerId">The owner.</param>
/// <param name="Currency">The wallet's currency.</param>
/// <param name="Status">active, frozen or closed.</param>
/// <param name="CreatedAt">When it was opened.</param>
public sealed record Wallet(string WalletId, string OwnerId, Currency Currency, WalletStatus Status, DateTimeOffset CreatedAt);
