namespace WalletFlow.Chaos;

/// <summary>One payout of the workload; <paramref name="Digit"/> is the last digit of the beneficiary account (the sandbox script).</summary>
public sealed record PlannedPayout(string PayoutId, string WalletId, char Digit, string Key);
