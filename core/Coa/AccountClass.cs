namespace WalletFlow.Core.Coa;

/// <summary>The class of a chart-of-accounts entry (the <c>class</c> column of seed/coa.csv).</summary>
public enum AccountClass
{
    /// <summary><c>asset</c>: cash at banks, pools, custody, receivables.</summary>
    Asset,

    /// <summary><c>liability</c>: what we owe customers (wallets, holds, reserves).</summary>
    Liability,

    /// <summary><c>equity</c>.</summary>
    Equity,

    /// <summary><c>revenue</c>.</summary>
    Revenue,

    /// <summary><c>expense</c>.</summary>
    Expense,

    /// <summary><c>clearing</c>: asset or liability in transit.</summary>
    Clearing,

    /// <summary><c>fx-position</c>: open FX position per pair.</summary>
    FxPosition,

    /// <summary><c>suspense</c>: entries in flight that must return to zero.</summary>
    Suspense,
}
