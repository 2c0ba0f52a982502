using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>A client over its rate of money-moving requests.</summary>
/// <param name="RetryAfterSeconds">When to try again.</param>
public sealed record RateLimited(int RetryAfterSeconds) : Rejection(
    RejectionCodes.RateLimited,
    $"Too many money-moving requests from this client; retry after {RetryAfterSeconds} s.");
