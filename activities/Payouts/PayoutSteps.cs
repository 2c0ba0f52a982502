using WalletFlow.Core.Movements;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Activities.Payouts;

/// <summary>What the payout activities share: each money step's idempotency key and amounts as text.</summary>
internal static class PayoutSteps
{
    /// <summary>The key of one money step of one payout: a retried or re-driven step is the same command.</summary>
    public static IdempotencyKey Key(string payoutId, string step) => IdempotencyKey.Create($"payout:{payoutId}:{step}").Value;

    /// <summary>Minor units of a currency as the major-unit text use cases read.</summary>
    public static string Major(string currency, long minorUnits) => new Money(Currency.Find(currency).Value, minorUnits).FormatAmount();
}
