namespace WalletFlow.Adapters.Payments;

/// <summary>The beneficiary inside <see cref="PayoutRequestBody"/>.</summary>
public sealed record BeneficiaryBody(string Name, string AccountNumber, string BankCode);
