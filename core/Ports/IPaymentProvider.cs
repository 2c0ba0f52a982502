using WalletFlow.Core.Monetary;
using WalletFlow.Core.Payments;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>
/// A payout rail (the sandbox rail locally, per-provider HTTP rails in production). Every call answers
/// with a <see cref="ProviderOutcome"/>: a timeout, a 5xx, a reset connection or an answer that cannot
/// be read is <see cref="ProviderOutcome.Ambiguous"/>, never an exception, because we cannot know
/// whether money left (design.md §7).
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider id used in addresses (<c>clearing:payouts:{providerId}</c>) and the registry.</summary>
    string ProviderId { get; }

    /// <summary>The currencies this provider pays out in (from its configuration).</summary>
    IReadOnlySet<Currency> Currencies { get; }

    /// <summary>
    /// Submits a payout; idempotent on <see cref="PayoutInstruction.PayoutId"/>, which travels as the
    /// provider's idempotency key, so a resubmit after an ambiguous answer never pays twice.
    /// </summary>
    /// <remarks>Only the caller's own cancellation throws (<see cref="OperationCanceledException"/>).</remarks>
    Task<ProviderOutcome> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken);

    /// <summary>Asks for the current status of a submitted payout (a requery). Classified like <see cref="SubmitAsync"/>.</summary>
    Task<ProviderOutcome> QueryAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a status callback from the provider: the signature over the exact bytes received, then
    /// the event in the body. A forged, tampered or unreadable callback is a <see cref="WebhookRejected"/>.
    /// </summary>
    /// <param name="body">The raw request body, byte for byte as received (re-serialising breaks the signature).</param>
    /// <param name="signature">The signature header's value, or null when absent.</param>
    Result<ProviderStatusEvent> VerifyWebhook(ReadOnlySpan<byte> body, string? signature);
}
