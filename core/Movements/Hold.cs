using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Movements;

/// <summary>A hold row: what <c>wallets:{walletId}:holds:{holdId}</c> holds while it is open.</summary>
/// <param name="HoldId">The hold id.</param>
/// <param name="WalletId">The wallet.</param>
/// <param name="Kind">generic or payout.</param>
/// <param name="Amount">The amount held.</param>
/// <param name="Fee">The fee held with it.</param>
/// <param name="IsOpen">False once settled or released.</param>
public sealed record Hold(string HoldId, string WalletId, HoldKind Kind, Money Amount, Money Fee, bool IsOpen);
