namespace WalletFlow.Core.Payouts;

/// <summary>The input of the settle and release steps.</summary>
/// <param name="Payout">The saga's input.</param>
/// <param name="ProviderReference">The provider's reference, when known.</param>
/// <param name="Detail">Why: the provider's answer or the operator's evidence.</param>
public sealed record PayoutClosing(PayoutSagaInput Payout, string? ProviderReference, string? Detail);
