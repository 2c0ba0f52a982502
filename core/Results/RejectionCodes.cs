namespace WalletFlow.Core.Results;

/// <summary>Every rejection code core produces, in one place (style.md: error codes are constants).</summary>
public static class RejectionCodes
{
    /// <summary>A currency code not in seed/currencies.csv.</summary>
    public const string UnknownCurrency = "unknown_currency";

    /// <summary>An amount that is not a plain decimal within the currency's scale and range.</summary>
    public const string InvalidAmount = "invalid_amount";

    /// <summary>Arithmetic or comparison between two different currencies.</summary>
    public const string CurrencyMismatch = "currency_mismatch";

    /// <summary>A ledger asset that is not <c>CODE/SCALE</c> of a known currency.</summary>
    public const string InvalidAsset = "invalid_asset";

    /// <summary>An allocation whose ratios or percentages cannot split an amount.</summary>
    public const string InvalidAllocation = "invalid_allocation";

    /// <summary>An FX rate or conversion request that cannot be honoured.</summary>
    public const string InvalidFxRate = "invalid_fx_rate";

    /// <summary>An account address that breaks the segment rules or matches no account kind.</summary>
    public const string InvalidAddress = "invalid_address";

    /// <summary>An address that no chart-of-accounts pattern matches.</summary>
    public const string UnmappedAddress = "unmapped_address";

    /// <summary>An address that more than one chart-of-accounts pattern matches.</summary>
    public const string AmbiguousAddress = "ambiguous_address";

    /// <summary>The ledger refused a movement because a source would go below zero.</summary>
    public const string InsufficientFunds = "insufficient_funds";

    /// <summary>A template name or its variables do not fit the catalog.</summary>
    public const string TemplateMismatch = "template_mismatch";

    /// <summary>A request field that is missing or malformed.</summary>
    public const string InvalidRequest = "invalid_request";

    /// <summary>An idempotency key reused with a different request.</summary>
    public const string IdempotencyConflict = "idempotency_conflict";

    /// <summary>A request with the same idempotency key is still being processed.</summary>
    public const string IdempotencyInProgress = "idempotency_in_progress";

    /// <summary>A wallet, hold or payout that does not exist.</summary>
    public const string NotFound = "not_found";

    /// <summary>The command does not fit the current state of what it names.</summary>
    public const string StateConflict = "state_conflict";

    /// <summary>New payouts are paused by the payouts_paused flag (a failed gate).</summary>
    public const string PayoutsPaused = "payouts_paused";

    /// <summary>A payment provider id that is not configured.</summary>
    public const string UnknownProvider = "unknown_provider";

    /// <summary>A payout currency its payment provider does not serve.</summary>
    public const string CurrencyNotServed = "currency_not_served";

    /// <summary>A provider callback whose signature or body cannot be trusted.</summary>
    public const string InvalidWebhook = "invalid_webhook";

    /// <summary>No credentials, or credentials that identify no one (HTTP 401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>An identity without the scope the request needs (HTTP 403).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>A client over its rate of money-moving requests (HTTP 429, with Retry-After).</summary>
    public const string RateLimited = "rate_limited";
}
