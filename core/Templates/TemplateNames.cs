namespace WalletFlow.Core.Templates;

/// <summary>
/// The 18 transaction templates of design.md §4, named once. seed/event-gl.csv, the Numscript files
/// and signatures in templates/ and the use cases all use these names.
/// </summary>
public static class TemplateNames
{
    /// <summary>Pay-in from a bank or pool to a wallet, with optional fee and rolling-reserve split.</summary>
    public const string PayIn = "pay-in";

    /// <summary>Wallet to wallet, with optional fee.</summary>
    public const string Transfer = "transfer";

    /// <summary>Reserve a payout's amount and fee from the wallet into a hold.</summary>
    public const string PayoutHold = "payout-hold";

    /// <summary>A confirmed payout: hold to payouts clearing, fee to revenue.</summary>
    public const string PayoutSettle = "payout-settle";

    /// <summary>A definitively failed payout: hold back to the wallet.</summary>
    public const string PayoutRelease = "payout-release";

    /// <summary>Place a generic hold.</summary>
    public const string HoldPlace = "hold-place";

    /// <summary>Settle a generic hold to a counterparty.</summary>
    public const string HoldSettle = "hold-settle";

    /// <summary>Release a generic hold back to the wallet.</summary>
    public const string HoldRelease = "hold-release";

    /// <summary>FX between two wallets of one owner, through the FX position, with the spread and the rounding remainder to revenue.</summary>
    public const string FxConversion = "fx-conversion";

    /// <summary>Fund a provider (GPS) pool from a bank account.</summary>
    public const string PoolFunding = "pool-funding";

    /// <summary>Move value between two pools of a provider in different currencies, through the FX position.</summary>
    public const string PoolTransfer = "pool-transfer";

    /// <summary>Stablecoin arrives in custody and is credited to a wallet.</summary>
    public const string StablecoinMint = "stablecoin-mint";

    /// <summary>Stablecoin leaves a wallet and custody.</summary>
    public const string StablecoinBurn = "stablecoin-burn";

    /// <summary>Settle what we owe a counterparty from a bank account.</summary>
    public const string CounterpartySettlement = "counterparty-settlement";

    /// <summary>Release a matured rolling reserve to the wallet.</summary>
    public const string ReserveRelease = "reserve-release";

    /// <summary>An adjusting entry through suspense (maker/checker approved).</summary>
    public const string Correction = "correction";

    /// <summary>A wallet's opening balance at cutover, against migration equity.</summary>
    public const string MigrationOpeningBalance = "migration-opening-balance";

    /// <summary>Cash put into a bank account by the company, against funding equity.</summary>
    public const string BankFunding = "bank-funding";

    /// <summary>All 18, in the order of design.md §4.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PayIn, Transfer, PayoutHold, PayoutSettle, PayoutRelease, HoldPlace, HoldSettle, HoldRelease,
        FxConversion, PoolFunding, PoolTransfer, StablecoinMint, StablecoinBurn, CounterpartySettlement,
        ReserveRelease, Correction, MigrationOpeningBalance, BankFunding,
    ];
}
