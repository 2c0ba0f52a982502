using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>Revokes a live API client by name: its key stops working (<c>walletflow clients revoke</c>).</summary>
public sealed class RevokeApiClient(IApiClientStore clients, TimeProvider clock)
{
    /// <summary>Revokes the client; not found when no live client has the name.</summary>
    public async Task<Result<ApiClient>> RunAsync(string? name, string revokedBy, CancellationToken cancellationToken)
    {
        if (!IdentityNames.IsValid(name))
            return Result.Failure<ApiClient>(InvalidRequest.For("name", $"A client name is {IdentityNames.Rule}."));
        var revoked = await clients.RevokeAsync(name!, revokedBy, clock.GetUtcNow(), cancellationToken);
        return revoked is null
            ? Result.Failure<ApiClient>(new NotFound("API client", name!) { Field = "name" })
            : Result.Success(revoked);
    }
}
