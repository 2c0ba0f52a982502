using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payments;

/// <summary>A provider id that is not configured under <c>Payments:Providers</c>.</summary>
/// <param name="ProviderId">The id asked for.</param>
/// <param name="Known">The configured ids, so the message says what would have worked.</param>
public sealed record UnknownProvider(string ProviderId, IReadOnlyList<string> Known)
    : Rejection(RejectionCodes.UnknownProvider,
        $"No payment provider '{ProviderId}' is configured; configured: {(Known.Count == 0 ? "none" : string.Join(", ", Known))}.");
