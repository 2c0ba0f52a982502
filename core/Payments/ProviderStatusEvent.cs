using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Payments;

/// <summary>
/// A provider's verified status callback: what it now says about one payout. The saga receives it as
/// its <c>ProviderStatus</c> event; it carries the same outcomes as a requery.
/// </summary>
/// <param name="ProviderId">The provider that sent it.</param>
/// <param name="PayoutId">The payout (the idempotency key it was submitted with).</param>
/// <param name="Outcome">Accepted, rejected or pending; never ambiguous (a signed answer is an answer).</param>
public sealed record ProviderStatusEvent(string ProviderId, string PayoutId, ProviderOutcome Outcome);
