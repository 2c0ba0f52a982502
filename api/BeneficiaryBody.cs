namespace WalletFlow.Api;

/// <summary>A payout's beneficiary.</summary>
/// <param name="Name">Account holder name.</param>
/// <param name="AccountNumber">Account number.</param>
/// <param name="BankCode">Bank code.</param>
public sealed record BeneficiaryBody(string? Name, string? AccountNumber, string? BankCode);
