namespace WalletFlow.Core.Accounts;

/// <summary>Where an account kind stands in the ALM view (design.md §8): customer funds, the cover for them, or neither.</summary>
public enum AlmSide
{
    /// <summary>Not in the ALM view (FX positions, counterparties, revenue, expenses, equity, suspense).</summary>
    None,

    /// <summary>What we owe customers: read on the credit side.</summary>
    CustomerFunds,

    /// <summary>What covers customer funds: read on the debit side, so money in transit (credit-normal clearing) is netted out of the cash still at the bank.</summary>
    Cover,
}
