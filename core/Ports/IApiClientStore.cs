using WalletFlow.Core.Identity;

namespace WalletFlow.Core.Ports;

/// <summary>API clients and the hashes of their keys (identity.api_clients).</summary>
public interface IApiClientStore
{
    /// <summary>Adds a client; false when a live client already has its name.</summary>
    Task<bool> AddAsync(ApiClient client, byte[] keyHash, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="client"/> only when no client (live or revoked) exists yet, serialised
    /// across processes: the first start of several hosts on one database makes one admin key.
    /// </summary>
    Task<bool> AddFirstAsync(ApiClient client, byte[] keyHash, CancellationToken cancellationToken);

    /// <summary>The live client whose key hashes to <paramref name="keyHash"/>, or null.</summary>
    Task<ApiClient?> FindByKeyHashAsync(byte[] keyHash, CancellationToken cancellationToken);

    /// <summary>Every client, live and revoked, oldest first.</summary>
    Task<IReadOnlyList<ApiClient>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes the live client named <paramref name="name"/>; null when there is none.</summary>
    Task<ApiClient?> RevokeAsync(string name, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken);
}
