using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Reserves;

/// <summary>The reserve policies as they stand (GET /v1/reserve-policies, <c>walletflow reserves list</c>).</summary>
public sealed class ReservePolicies(IReserveStore store)
{
    /// <summary>Every policy, or only <paramref name="ownerId"/>'s (none when it has no policy); an owner id that cannot be one is a field error.</summary>
    public async Task<Result<IReadOnlyList<ReservePolicyRecord>>> ListAsync(string? ownerId, CancellationToken cancellationToken)
    {
        if (ownerId is not null)
        {
            var owner = MovementInput.Text(ownerId, "ownerId", SetReservePolicy.MaxOwnerIdLength);
            if (!owner.TryGetValue(out _, out var rejected))
                return Result.Failure<IReadOnlyList<ReservePolicyRecord>>(rejected);
        }
        return Result.Success(await store.ListPoliciesAsync(ownerId, cancellationToken).ConfigureAwait(false));
    }
}
