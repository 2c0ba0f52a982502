namespace WalletFlow.Core.Accounts;

/// <summary>The fixed words of account addresses (design.md §3), in one place.</summary>
public static class AddressSegments
{
    /// <summary>First segment of wallet accounts.</summary>
    public const string Wallets = "wallets";

    /// <summary>Last segment of a wallet's available account.</summary>
    public const string Main = "main";

    /// <summary>Segment before a hold id.</summary>
    public const string Holds = "holds";

    /// <summary>Last segment of a wallet's rolling reserve.</summary>
    public const string Reserve = "reserve";

    /// <summary>First segment of bank cash accounts.</summary>
    public const string Banks = "banks";

    /// <summary>First segment of provider pools.</summary>
    public const string Pools = "pools";

    /// <summary>First segment of clearing accounts.</summary>
    public const string Clearing = "clearing";

    /// <summary>Second segment of payout clearing accounts.</summary>
    public const string Payouts = "payouts";

    /// <summary>First segment of FX positions.</summary>
    public const string FxPosition = "fx";

    /// <summary>First segment of stablecoin custody accounts.</summary>
    public const string Custody = "custody";

    /// <summary>First segment of counterparty accounts.</summary>
    public const string Counterparties = "counterparties";

    /// <summary>First segment of revenue accounts.</summary>
    public const string Revenue = "revenue";

    /// <summary>First segment of expense accounts.</summary>
    public const string Expenses = "expenses";

    /// <summary>First segment of equity accounts.</summary>
    public const string Equity = "equity";

    /// <summary>First segment of suspense accounts.</summary>
    public const string Suspense = "suspense";

    /// <summary>Second segment of <c>revenue:fees</c>.</summary>
    public const string Fees = "fees";

    /// <summary>Second segment of <c>revenue:fx-spread</c>.</summary>
    public const string FxSpread = "fx-spread";

    /// <summary>Second segment of <c>revenue:fx-rounding</c>.</summary>
    public const string FxRounding = "fx-rounding";

    /// <summary>Second segment of <c>equity:migration</c>.</summary>
    public const string Migration = "migration";

    /// <summary>Second segment of <c>equity:funding</c>.</summary>
    public const string Funding = "funding";

    /// <summary>Second segment of <c>suspense:corrections</c>.</summary>
    public const string Corrections = "corrections";

    /// <summary>Formance's unlimited source; walletflow never uses it (design.md §3).</summary>
    public const string World = "world";
}
