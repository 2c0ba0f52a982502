namespace WalletFlow.Core.Identity;

/// <summary>One audited request: an authenticated write, or any refused request (identity.audit).</summary>
/// <param name="At">When the request was answered.</param>
/// <param name="Actor">Who (the authenticated principal's actor name), or null for an anonymous request.</param>
/// <param name="ActorKind"><c>client</c>, <c>operator</c>, <c>token</c> or <c>anonymous</c>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path (no query string).</param>
/// <param name="Endpoint">The endpoint's name, when one matched.</param>
/// <param name="IdempotencyKey">The request's Idempotency-Key, when it had one.</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Outcome"><c>done</c>, <c>rejected</c> (4xx from the use case), <c>unauthenticated</c>, <c>forbidden</c>, <c>rate_limited</c> or <c>failed</c> (5xx).</param>
/// <param name="TraceId">The request's trace id, as in its problem+json and logs.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string? Actor,
    string ActorKind,
    string Method,
    string Path,
    string? Endpoint,
    string? IdempotencyKey,
    int Status,
    string Outcome,
    string? TraceId);
