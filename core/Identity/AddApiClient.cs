using System.Security.Cryptography;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>Makes an API client with the scopes given and returns its key, once (<c>walletflow clients add</c>).</summary>
public sealed class AddApiClient(IApiClientStore clients, TimeProvider clock)
{
    /// <summary>The client <c>serve</c> makes on its first start with an empty database.</summary>
    public const string FirstAdminName = "admin";

    /// <summary>Makes the client; its key is in the result and nowhere else.</summary>
    public async Task<Result<NewApiClient>> RunAsync(string? name, IReadOnlyCollection<string>? scopes, string createdBy, CancellationToken cancellationToken)
    {
        if (!IdentityNames.IsValid(name))
            return Result.Failure<NewApiClient>(InvalidRequest.For("name", $"A client name is {IdentityNames.Rule}."));
        if (scopes is null || scopes.Count == 0)
            return Result.Failure<NewApiClient>(InvalidRequest.For("scopes", $"Name at least one scope: {string.Join(", ", Scopes.All)}."));
        var unknown = scopes.FirstOrDefault(s => !Scopes.IsKnown(s));
        if (unknown is not null)
            return Result.Failure<NewApiClient>(InvalidRequest.For("scopes",
                (unknown.Length <= 40 && StorableText.Problem(unknown) is null ? $"'{unknown}' is not a scope" : "A scope is not one of walletflow's")
                + $"; the scopes are {string.Join(", ", Scopes.All)}."));

        var made = Make(name!, scopes, createdBy);
        return await clients.AddAsync(made.Client, ApiKey.Hash(made.Key), cancellationToken)
            ? Result.Success(made)
            : Result.Failure<NewApiClient>(new StateConflict($"A live API client is already named '{name}'; revoke it first or choose another name.") { Field = "name" });
    }

    /// <summary>
    /// The first admin client, when the database has no client at all; null otherwise.
    /// <paramref name="keep"/> receives the key before the client is stored (it writes the key file):
    /// if it fails, nothing is stored, so a key is never stored that nobody holds.
    /// </summary>
    public async Task<NewApiClient?> AddFirstAdminAsync(Func<NewApiClient, CancellationToken, Task> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var made = Make(FirstAdminName, [Scopes.Admin], "walletflow serve (first start)");
        await keep(made, cancellationToken);
        return await clients.AddFirstAsync(made.Client, ApiKey.Hash(made.Key), cancellationToken) ? made : null;
    }

    private NewApiClient Make(string name, IReadOnlyCollection<string> scopes, string createdBy) => new(
        new ApiClient("cl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), name, [.. scopes.Distinct(StringComparer.Ordinal)], clock.GetUtcNow(), createdBy),
        ApiKey.New());
}
