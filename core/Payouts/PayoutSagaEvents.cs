namespace WalletFlow.Core.Payouts;

/// <summary>The saga's external event names, in one place (the webhook and /ops raise them).</summary>
public static class PayoutSagaEvents
{
    /// <summary>A verified provider webhook: carries a <see cref="ProviderReply"/>.</summary>
    public const string ProviderStatus = "ProviderStatus";

    /// <summary>An operator's decision: carries a <see cref="PayoutResolution"/>.</summary>
    public const string ManualResolution = "ManualResolution";
}
