namespace WalletFlow.Core.Identity;

/// <summary>A program that calls walletflow with an API key.</summary>
/// <param name="ClientId">Stable id (<c>cl_</c> and 16 hex digits), the actor recorded for its requests.</param>
/// <param name="Name">Unique among live clients; what operators call it.</param>
/// <param name="Scopes">What it may do (<see cref="Identity.Scopes"/>).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">Who made it.</param>
/// <param name="RevokedAt">When its key stopped working, if it has.</param>
/// <param name="RevokedBy">Who revoked it.</param>
public sealed record ApiClient(
    string ClientId,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>Whether its key no longer works.</summary>
    public bool IsRevoked => RevokedAt is not null;
}
