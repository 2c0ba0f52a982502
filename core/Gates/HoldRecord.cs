namespace WalletFlow.Core.Gates;

/// <summary>A row of walletflow.holds as the holds gate reads it.</summary>
/// <param name="HoldId">The hold id.</param>
/// <param name="WalletId">The wallet.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Amount">Minor units held.</param>
/// <param name="Fee">Minor units of fee held with it.</param>
/// <param name="IsOpen">False once settled or released.</param>
public sealed record HoldRecord(string HoldId, string WalletId, string Currency, long Amount, long Fee, bool IsOpen);
