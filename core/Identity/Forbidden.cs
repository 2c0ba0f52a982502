using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>An identity without the scope a request needs.</summary>
/// <param name="Required">The scopes the request needs (all of them).</param>
public sealed record Forbidden(IReadOnlyList<string> Required) : Rejection(
    RejectionCodes.Forbidden,
    $"This needs the scope{(Required.Count == 1 ? "" : "s")} {string.Join(" and ", Required)} (or admin).");
