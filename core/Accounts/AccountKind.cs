namespace WalletFlow.Core.Accounts;

/// <summary>Every kind of account in design.md §3.</summary>
public enum AccountKind
{
    /// <summary><c>wallets:{walletId}:main</c>: what we owe the customer; never negative.</summary>
    WalletMain,

    /// <summary><c>wallets:{walletId}:holds:{holdId}</c>: reserved for one payout or hold; never negative.</summary>
    WalletHold,

    /// <summary><c>wallets:{walletId}:reserve</c>: rolling reserve; never negative.</summary>
    WalletReserve,

    /// <summary><c>banks:{bankId}:{ccy}</c>: cash at a bank (debit-normal).</summary>
    Bank,

    /// <summary><c>pools:{providerId}:{ccy}</c>: pooled balance at a provider (debit-normal).</summary>
    Pool,

    /// <summary><c>clearing:payouts:{providerId}</c>: payouts in transit.</summary>
    PayoutClearing,

    /// <summary><c>fx:{ccyA}-{ccyB}</c>: FX position for a currency pair.</summary>
    FxPosition,

    /// <summary><c>custody:{network}:{asset}</c>: stablecoin custody.</summary>
    Custody,

    /// <summary><c>counterparties:{id}</c>: receivable or payable.</summary>
    Counterparty,

    /// <summary><c>revenue:fees</c>.</summary>
    FeeRevenue,

    /// <summary><c>revenue:fx-spread</c>.</summary>
    FxSpreadRevenue,

    /// <summary><c>revenue:fx-rounding</c>: whole minor units left over when an FX conversion's amounts are rounded separately.</summary>
    FxRoundingRevenue,

    /// <summary><c>expenses:{name}</c>.</summary>
    Expense,

    /// <summary><c>equity:migration</c>: counterpart of migrated opening balances.</summary>
    MigrationEquity,

    /// <summary><c>equity:funding</c>: capital put into banks.</summary>
    FundingEquity,

    /// <summary><c>suspense:corrections</c>: adjusting entries in flight.</summary>
    CorrectionsSuspense,
}
