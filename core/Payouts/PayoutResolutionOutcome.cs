namespace WalletFlow.Core.Payouts;

/// <summary>How an operator resolves a payout in manual review.</summary>
public enum PayoutResolutionOutcome
{
    /// <summary>The money reached the beneficiary: settle the hold.</summary>
    Settle,

    /// <summary>It did not: release the hold to the wallet.</summary>
    Release,
}
