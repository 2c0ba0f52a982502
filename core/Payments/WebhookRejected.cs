using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payments;

/// <summary>
/// A provider callback that is not trusted or not understood: no or a wrong signature, a body that was
/// changed, an unknown status. Nothing in it may move a payout.
/// </summary>
/// <param name="ProviderId">The provider the callback claims to come from.</param>
/// <param name="Reason">Why it was refused, for the operator (never echoes the secret).</param>
public sealed record WebhookRejected(string ProviderId, string Reason)
    : Rejection(RejectionCodes.InvalidWebhook, $"Webhook from payment provider '{ProviderId}' refused: {Reason}.");
