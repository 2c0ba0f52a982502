namespace WalletFlow.Api;

/// <summary>POST /v1/payouts/{payoutId}/resolution.</summary>
/// <param name="Outcome"><c>settle</c> or <c>release</c>.</param>
/// <param name="Evidence">What the operator saw.</param>
public sealed record PayoutResolutionBody(string? Outcome, string? Evidence);
