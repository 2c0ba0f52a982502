using WalletFlow.Core.Identity;
using static WalletFlow.Tests.Integration.Fuzz.FuzzBreak;
using static WalletFlow.Tests.Integration.Fuzz.FuzzFieldKind;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// Every endpoint the fuzzer attacks (design.md §10's v1 table, the provider webhook and the ledger
/// API's Formance paths), each with the breaks sure to get it refused. A new endpoint belongs here: a
/// test fails when the host maps a /v1 route this table does not name.
/// </summary>
public static class FuzzEndpoints
{
    private static readonly FuzzBreak[] Identity = [NoCredentials, UnknownKey, NotBearer, TwoAuthorizationHeaders];
    private static readonly FuzzBreak[] V1Identity = [.. Identity, WrongScope];
    private static readonly FuzzBreak[] WholeBody = [WrongMethod, NotJson, MalformedJson, RandomBytes, DeepNesting, LargeBody];
    private static readonly FuzzBreak[] Command = [.. V1Identity, .. WholeBody, EmptyBody, WrongJsonType];
    private static readonly FuzzBreak[] Movement = [.. Command, NoIdempotencyKey, BadIdempotencyKey, HostileId, HostileAmount];
    private static readonly FuzzBreak[] V1Read = [.. V1Identity, WrongMethod];
    private static readonly FuzzBreak[] LedgerIdentity = [.. Identity, WrongScope];
    private static readonly FuzzBreak[] LedgerRead = [.. LedgerIdentity, WrongMethod, UnknownLedger, HostileLedgerName];
    private static readonly FuzzBreak[] LedgerBody = [NotJson, LargeBody, MalformedJson, RandomBytes, DeepNesting, WrongJsonType];

    private static FuzzField F(string name, FuzzFieldKind kind, bool required = true) => new(name, kind, required);

    private static FuzzEndpoint V1(string method, string path, string scope, FuzzField[]? body, params FuzzBreak[] breaks) =>
        new(FuzzSurface.V1, method, path, scope, body, breaks);

    private static FuzzEndpoint Ledger(string method, string path, FuzzField[]? body, params FuzzBreak[] breaks) =>
        new(FuzzSurface.Ledger, method, path, Scopes.LedgerAdmin, body, breaks);

    /// <summary>A posting the ledger would accept: the fuzzer breaks it before it is sent.</summary>
    public const string ValidPostings = """[{"source":"world","destination":"wallets:fz:main","amount":100,"asset":"NGN/2"}]""";

    public static readonly IReadOnlyList<FuzzEndpoint> All =
    [
        V1("POST", "/v1/wallets", Scopes.WalletsWrite, [F("walletId", Id), F("ownerId", Text), F("currency", Currency)], [.. Command, HostileId]),
        V1("GET", "/v1/wallets/{walletId}", Scopes.WalletsRead, null, [.. V1Read, UnknownResource, HostilePathId]),
        V1("GET", "/v1/wallets/{walletId}/transactions", Scopes.WalletsRead, null, [.. V1Read, UnknownResource, HostilePathId, HostileQuery]),
        V1("POST", "/v1/payins", Scopes.MovementsWrite,
            [F("walletId", Id), F("amount", Amount), F("currency", Currency), F("source", Text), F("externalRef", Text), F("fee", Amount, false)], Movement),
        V1("POST", "/v1/transfers", Scopes.MovementsWrite,
            [F("fromWalletId", Id), F("toWalletId", Id), F("amount", Amount), F("currency", Currency), F("fee", Amount, false)], Movement),
        V1("POST", "/v1/holds", Scopes.MovementsWrite, [F("walletId", Id), F("amount", Amount), F("currency", Currency), F("holdId", Id, false)], Movement),
        V1("POST", "/v1/holds/{holdId}/settle", Scopes.MovementsWrite, [F("counterpartyId", Id), F("amount", Amount, false)],
            [.. Movement, HostilePathId, UnknownResource]),
        V1("POST", "/v1/holds/{holdId}/release", Scopes.MovementsWrite, [], [.. Command, NoIdempotencyKey, BadIdempotencyKey, HostilePathId, UnknownResource]),
        V1("POST", "/v1/fx/conversions", Scopes.MovementsWrite,
            [F("fromWalletId", Id), F("toWalletId", Id), F("sellAmount", Amount), F("sellCurrency", Currency), F("buyCurrency", Currency), F("rate", Rate), F("marketRate", Rate, false)],
            Movement),
        V1("POST", "/v1/pools/transfers", Scopes.MovementsWrite,
            [F("providerId", Id), F("sellAmount", Amount), F("sellCurrency", Currency), F("buyCurrency", Currency), F("rate", Rate)], Movement),
        V1("POST", "/v1/pools/fundings", Scopes.MovementsWrite, [F("providerId", Id), F("bankId", Id), F("amount", Amount), F("currency", Currency)], Movement),
        V1("POST", "/v1/stablecoin/mints", Scopes.MovementsWrite,
            [F("walletId", Id), F("network", Id), F("amount", Amount), F("currency", Currency), F("externalRef", Text, false)], Movement),
        V1("POST", "/v1/stablecoin/burns", Scopes.MovementsWrite,
            [F("walletId", Id), F("network", Id), F("amount", Amount), F("currency", Currency), F("externalRef", Text, false)], Movement),
        V1("POST", "/v1/counterparties/settlements", Scopes.MovementsWrite,
            [F("counterpartyId", Id), F("bankId", Id), F("amount", Amount), F("currency", Currency)], Movement),
        V1("POST", "/v1/reserves/release", Scopes.MovementsWrite, [F("walletId", Id)], [.. Command, NoIdempotencyKey, BadIdempotencyKey, HostileId]),
        // A policy of an owner no wallet belongs to is refused, so even a body the fuzzer leaves valid writes nothing.
        V1("POST", "/v1/reserve-policies", Scopes.Admin,
            [F("ownerId", Text), new("rateBps", Raw, true, "100"), new("holdDays", Raw, true, "7")], Command),
        V1("GET", "/v1/reserve-policies", Scopes.ReportsRead, null, V1Read),
        V1("POST", "/v1/banks/fundings", Scopes.MovementsWrite, [F("bankId", Id), F("amount", Amount), F("currency", Currency)], Movement),
        V1("POST", "/v1/corrections", Scopes.CorrectionsRequest,
            [F("walletId", Id), F("currency", Currency), F("credit", Amount), F("debit", Amount, false), F("reason", Text), F("evidence", Text)], Movement),
        V1("POST", "/v1/corrections/{correctionId}/decision", Scopes.CorrectionsApprove, [F("decision", Text), F("comment", Text, false)],
            [.. Command, HostilePathId, UnknownResource]),
        V1("GET", "/v1/corrections/{correctionId}", Scopes.CorrectionsApprove, null, [.. V1Read, UnknownResource, HostilePathId]),
        V1("GET", "/v1/corrections", Scopes.CorrectionsApprove, null, V1Read),
        V1("POST", "/v1/migration/opening-balances", Scopes.CutoverRun,
            [F("walletId", Id), F("amount", Amount), F("currency", Currency), F("legacyRef", Text, false)], Movement),
        V1("POST", "/v1/payouts", Scopes.PayoutsWrite,
            [F("payoutId", Id), F("walletId", Id), F("amount", Amount), F("currency", Currency), F("providerId", Id),
             new("beneficiary", Raw, true, """{"name":"Ada","accountNumber":"0123456789","bankCode":"058"}"""), F("fee", Amount, false)],
            Movement),
        V1("GET", "/v1/payouts/{payoutId}", Scopes.PayoutsWrite, null, [.. V1Read, UnknownResource, HostilePathId]),
        // The upload takes text/csv only: the fuzzer's JSON (or worse) is refused before a row is read.
        V1("POST", "/v1/cutovers", Scopes.CutoverRun, null, [.. V1Identity, .. WholeBody]),
        // A chart of accounts is text/csv too; without apply=true it is a dry run, so nothing fuzzed is stored.
        V1("POST", "/v1/coa/imports", Scopes.Admin, null, [.. V1Identity, .. WholeBody]),
        V1("GET", "/v1/cutovers/{cutoverId}", Scopes.CutoverRun, null, [.. V1Read, UnknownResource, HostilePathId]),
        V1("POST", "/v1/cutovers/{cutoverId}/rollback", Scopes.CutoverRun, null, [.. V1Identity, WrongMethod, UnknownResource, HostilePathId]),
        V1("GET", "/v1/payouts/{payoutId}/history", Scopes.PayoutsWrite, null, [.. V1Read, UnknownResource, HostilePathId]),
        V1("POST", "/v1/payouts/{payoutId}/resolution", Scopes.PayoutsResolve, [F("outcome", Text), F("evidence", Text)],
            [.. Command, HostilePathId, UnknownResource]),
        V1("GET", "/v1/reports/trial-balance", Scopes.ReportsRead, null, [.. V1Read, HostileQuery]),
        V1("GET", "/v1/reports/alm", Scopes.ReportsRead, null, V1Read),
        V1("GET", "/v1/gates", Scopes.ReportsRead, null, V1Read),
        V1("POST", "/v1/gates/run", Scopes.GatesRun, null, [.. V1Identity, .. WholeBody]),
        V1("POST", "/v1/gates/acknowledge", Scopes.GatesRun, [F("reason", Text, false)], [.. V1Identity, .. WholeBody, WrongJsonType]),

        // Weighted: the one anonymous endpoint that moves a saga deserves more than its share.
        new(FuzzSurface.Webhook, "POST", "/v1/providers/{providerId}/webhook", null, [F("payoutId", Id), F("status", Text), F("reference", Text, false)],
            [UnsignedWebhook, ForgedSignature, StaleSignature, UnknownProvider, SignedHostileBody, SignedHostileBody, WrongMethod, NotJson, LargeBody, MalformedJson, RandomBytes],
            Weight: 4),

        Ledger("GET", "/_/info", null, [.. LedgerIdentity, WrongMethod]),
        Ledger("GET", "/_info", null, [.. LedgerIdentity, WrongMethod]),
        Ledger("POST", "/v2/{ledger}", [new("metadata", Raw, false, """{"team":"fuzz"}""")],
            [.. LedgerIdentity, WrongMethod, HostileLedgerName, ExistingLedger, .. LedgerBody]),
        Ledger("GET", "/v2/{ledger}", null, LedgerRead),
        Ledger("GET", "/v2/{ledger}/_info", null, LedgerRead),
        Ledger("POST", "/v2/{ledger}/transactions",
            [new("postings", Raw, true, ValidPostings), new("metadata", Raw, false, """{"k":"v"}"""), F("reference", Text, false)],
            [.. LedgerRead, .. LedgerBody, HostileAmount, HostileId, BrokenScript]),
        Ledger("GET", "/v2/{ledger}/transactions", null, [.. LedgerRead, HostileQuery, MalformedJson, NotJson]),
        Ledger("GET", "/v2/{ledger}/transactions/{id}", null, [.. LedgerRead, UnknownResource]),
        Ledger("POST", "/v2/{ledger}/transactions/{id}/revert", [new("force", Raw, false, "false")], [.. LedgerRead, UnknownResource]),
        Ledger("POST", "/v2/{ledger}/transactions/{id}/metadata", [F("k", Text, false)], [.. LedgerRead, UnknownResource, .. LedgerBody]),
        Ledger("PUT", "/v2/{ledger}/transactions/{id}/metadata", [F("k", Text, false)], [.. LedgerRead, UnknownResource, .. LedgerBody]),
        Ledger("DELETE", "/v2/{ledger}/transactions/{id}/metadata/{key}", null, [.. LedgerRead, UnknownResource]),
        Ledger("GET", "/v2/{ledger}/accounts", null, [.. LedgerRead, HostileQuery, MalformedJson, NotJson]),
        Ledger("GET", "/v2/{ledger}/accounts/{address}", null, [.. LedgerRead, HostilePathId]),
        Ledger("POST", "/v2/{ledger}/accounts/{address}/metadata", [F("k", Text, false)], [.. LedgerRead, HostilePathId, .. LedgerBody]),
        Ledger("DELETE", "/v2/{ledger}/accounts/{address}/metadata/{key}", null, [.. LedgerRead, HostilePathId]),
        Ledger("GET", "/v2/{ledger}/aggregate/balances", null, [.. LedgerRead, HostileQuery]),
        Ledger("GET", "/v2/{ledger}/logs", null, [.. LedgerRead, HostileQuery]),
    ];
}
