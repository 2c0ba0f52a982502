using WalletFlow.Core.Flags;
using WalletFlow.Core.Identity;

namespace WalletFlow.Host.Ops;

/// <summary>
/// Every command the console runs, as forms. The fields are the v1 bodies' (api/): the form is bound to
/// the same record the JSON API binds, and handed to the same use case (<see cref="OpsCommandsApi"/>).
/// </summary>
public static class OpsCommands
{
    private static readonly string[] Currencies = ["NGN", "KES", "GHS", "USD", "EUR", "GBP", "JPY", "KWD", "USDT", "USDC"];
    private static OpsField Wallet(string name = "walletId", string label = "Wallet") => new(name, label, "w-1001");
    private static OpsField Amount(string name = "amount", string label = "Amount") => new(name, label, "1500.00 (major units, at most the currency's decimals)");
    private static OpsField Currency(string name = "currency", string label = "Currency") => new(name, label, "NGN", Suggestions: Currencies);

    public static readonly OpsCommand OpenWallet = new("open-wallet", "Open a wallet", Scopes.WalletsWrite,
        "A wallet holds one currency for one owner; the id is made when this form is shown, so sending it twice opens one wallet.",
        [new("walletId", "Wallet id", "1-64 letters, digits, '_' or '-'", Minted: "w"), new("ownerId", "Owner", "owner-17"), Currency()]);

    public static readonly OpsCommand PayIn = new("pay-in", "Pay in", Scopes.MovementsWrite,
        "Money arrived for a wallet at a bank or a provider pool.",
        [Wallet(), Amount(), Currency(), new("source", "Source", "banks:gtb or pools:sandbox"), new("externalRef", "Bank or provider reference", "STMT-2026-0001"), new("fee", "Fee", "0.00", Optional: true)]);

    public static readonly OpsCommand Transfer = new("transfer", "Transfer", Scopes.MovementsWrite,
        "Wallet to wallet, one currency; an optional fee is charged to the paying wallet.",
        [Wallet("fromWalletId", "From wallet"), Wallet("toWalletId", "To wallet"), Amount(), Currency(), new("fee", "Fee", "0.00", Optional: true)]);

    public static readonly OpsCommand PlaceHold = new("place-hold", "Place a hold", Scopes.MovementsWrite,
        "Reserve part of a wallet's available balance until the hold is settled or released.",
        [Wallet(), Amount(), Currency(), new("holdId", "Hold id", "made for you", Minted: "h")]);

    public static readonly OpsCommand SettleHold = new("settle-hold", "Settle a hold", Scopes.MovementsWrite,
        "Pay the whole held amount to a counterparty.",
        [new("holdId", "Hold id", "h-…", Route: true), new("counterpartyId", "Counterparty", "acme"), new("amount", "Amount (must equal the hold)", "optional", Optional: true)]);

    public static readonly OpsCommand ReleaseHold = new("release-hold", "Release a hold", Scopes.MovementsWrite,
        "Give the held amount back to the wallet's available balance.",
        [new("holdId", "Hold id", "h-…", Route: true)]);

    public static readonly OpsCommand StartPayout = new("start-payout", "Start a payout", Scopes.PayoutsWrite,
        "Hold, submit to the provider, requery until definitive, then settle or release (design.md §7).",
        [new("payoutId", "Payout id", "made for you", Minted: "p"), Wallet(), Amount(), Currency(), new("providerId", "Provider", "sandbox"),
         new("beneficiary.name", "Beneficiary name", "Ada Obi"), new("beneficiary.accountNumber", "Account number", "0123456781"),
         new("beneficiary.bankCode", "Bank code", "058"), new("fee", "Fee", "0.00", Optional: true)]);

    public static readonly OpsCommand ResolvePayout = new("resolve-payout", "Resolve a payout in manual review", Scopes.PayoutsResolve,
        "The provider never gave a definitive answer: settle if the money left, release if it did not, with the evidence.",
        [new("payoutId", "Payout id", "p-…", Route: true), new("outcome", "Outcome", Choices: ["settle", "release"]), new("evidence", "Evidence", "provider statement line, ticket")]);

    public static readonly OpsCommand ConvertFx = new("fx-conversion", "FX conversion", Scopes.MovementsWrite,
        "Between two wallets of one owner at a customer rate; the spread and rounding land in named accounts.",
        [Wallet("fromWalletId", "From wallet"), Wallet("toWalletId", "To wallet"), Amount("sellAmount", "Sell amount"), Currency("sellCurrency", "Sell currency"),
         Currency("buyCurrency", "Buy currency"), new("rate", "Customer rate", "0.00065"), new("marketRate", "Market rate", "optional", Optional: true)]);

    public static readonly OpsCommand FundPool = new("pool-funding", "Fund a provider pool", Scopes.MovementsWrite,
        "Move cash from a bank to a provider's pool.",
        [new("providerId", "Provider", "sandbox"), new("bankId", "Bank", "gtb"), Amount(), Currency()]);

    public static readonly OpsCommand TransferBetweenPools = new("pool-transfer", "Pool transfer (cross-currency)", Scopes.MovementsWrite,
        "Move a provider's pooled money from one currency to another at a rate.",
        [new("providerId", "Provider", "sandbox"), Amount("sellAmount", "Sell amount"), Currency("sellCurrency", "Sell currency"), Currency("buyCurrency", "Buy currency"), new("rate", "Rate", "0.00065")]);

    public static readonly OpsCommand MintStablecoin = new("stablecoin-mint", "Stablecoin mint", Scopes.MovementsWrite,
        "Credit a wallet with stablecoins minted into custody.",
        [Wallet(), new("network", "Network", "ethereum"), Amount(), new("currency", "Coin", Choices: ["USDT", "USDC"]), new("externalRef", "Chain reference", "0x…", Optional: true)]);

    public static readonly OpsCommand BurnStablecoin = new("stablecoin-burn", "Stablecoin burn", Scopes.MovementsWrite,
        "Debit a wallet's stablecoins and burn them out of custody.",
        [Wallet(), new("network", "Network", "ethereum"), Amount(), new("currency", "Coin", Choices: ["USDT", "USDC"]), new("externalRef", "Chain reference", "0x…", Optional: true)]);

    public static readonly OpsCommand SettleCounterparty = new("counterparty-settlement", "Counterparty settlement", Scopes.MovementsWrite,
        "Pay what a counterparty is owed from a bank.",
        [new("counterpartyId", "Counterparty", "acme"), new("bankId", "Bank", "gtb"), Amount(), Currency()]);

    public static readonly OpsCommand ReleaseReserve = new("reserve-release", "Release matured reserve", Scopes.MovementsWrite,
        "Return every matured rolling-reserve tranche of a wallet to its available balance.",
        [Wallet()]);

    public static readonly OpsCommand FundBank = new("bank-funding", "Bank funding", Scopes.MovementsWrite,
        "Record cash put into a bank account by the company (equity funding).",
        [new("bankId", "Bank", "gtb"), Amount(), Currency()]);

    public static readonly OpsCommand RequestCorrection = new("request-correction", "Request a correction", Scopes.CorrectionsRequest,
        "An adjusting entry (credit or debit a wallet against suspense) or the reversal of a ledger transaction; another operator must approve it.",
        [new("walletId", "Wallet (adjustment)", "w-1001", Optional: true), new("currency", "Currency (adjustment)", "NGN", Optional: true, Suggestions: Currencies),
         new("credit", "Credit", "2.50", Optional: true), new("debit", "Debit", "optional", Optional: true),
         new("reverseTransactionId", "Or reverse ledger transaction", "42", Optional: true),
         new("reason", "Reason", "fee charged twice"), new("evidence", "Evidence", "ticket OPS-42")]);

    public static readonly OpsCommand DecideCorrection = new("decide-correction", "Decide a correction", Scopes.CorrectionsApprove,
        "Approve (it posts once) or reject a correction someone else asked for.",
        [new("correctionId", "Correction id", "c-…", Route: true), new("decision", "Decision", Choices: ["approve", "reject"]), new("comment", "Comment", "statement checked", Optional: true)]);

    public static readonly OpsCommand RunGates = new("run-gates", "Run the gates now", Scopes.GatesRun,
        "Run the four reconciliation gates and store the run; a failed books-foot or holds-match gate pauses payouts.", []);

    public static readonly OpsCommand AcknowledgeGates = new("acknowledge-gates", "Acknowledge the payouts pause", Scopes.GatesRun,
        "Lift the payouts pause a failed gate set, saying why payouts may start again.",
        [new("reason", "Reason", "drift explained in OPS-77")]);

    public static readonly OpsCommand SetFlag = new("set-flag", "Set a feature flag", Scopes.Admin,
        "Turn a flag on or off by hand, with the reason recorded.",
        [new("name", "Flag", Choices: FeatureFlagNames.All), new("enabled", "State", Choices: ["on", "off"]), new("reason", "Reason", "why")]);

    /// <summary>Every command, in the order the commands screen lists them.</summary>
    public static IReadOnlyList<OpsCommand> All { get; } =
    [
        OpenWallet, PayIn, Transfer, PlaceHold, SettleHold, ReleaseHold, StartPayout, ResolvePayout, ConvertFx, FundPool,
        TransferBetweenPools, MintStablecoin, BurnStablecoin, SettleCounterparty, ReleaseReserve, FundBank,
        RequestCorrection, DecideCorrection, RunGates, AcknowledgeGates, SetFlag,
    ];

    public static OpsCommand? Find(string slug) => All.FirstOrDefault(c => c.Slug == slug);
}
