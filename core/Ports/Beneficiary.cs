namespace WalletFlow.Core.Ports;

/// <summary>Who a payout goes to.</summary>
/// <param name="Name">Account holder name.</param>
/// <param name="AccountNumber">Account number at the bank.</param>
/// <param name="BankCode">Bank or sort code.</param>
public sealed record Beneficiary(string Name, string AccountNumber, string BankCode);
