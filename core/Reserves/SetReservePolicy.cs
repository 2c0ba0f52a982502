using System.Security.Cryptography;
using System.Text.Json;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// Sets an owner's rolling-reserve policy (design.md §6): the share of each later pay-in kept in
/// <c>wallets:{id}:reserve</c> and for how long. Tranches already reserved keep the maturity they were
/// given. Each change is recorded with who made it and one <c>ReservePolicySet</c> outbox event.
/// </summary>
public sealed class SetReservePolicy(IReserveStore store, TimeProvider clock)
{
    /// <summary>The largest rate: 100.00 %.</summary>
    public const int MaxRateBps = 10_000;

    /// <summary>The longest hold: ten years.</summary>
    public const int MaxHoldDays = 3_650;

    /// <summary>The longest owner id (walletflow.wallets.owner_id).</summary>
    public const int MaxOwnerIdLength = 128;

    /// <summary>The outbox event of a change.</summary>
    public const string EventType = "ReservePolicySet";

    /// <summary>Sets the policy, or refuses: a field error, or <see cref="NotFound"/> for an owner no wallet belongs to.</summary>
    /// <param name="request">The policy.</param>
    /// <param name="actor">Who sets it (the authenticated principal, or <c>cli:</c> and the OS user).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<Result<ReservePolicyRecord>> RunAsync(SetReservePolicyRequest request, string? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(actor))
            return InvalidRequest.For("actor", "is required: who sets the policy");
        var owner = MovementInput.Text(request.OwnerId, "ownerId", MaxOwnerIdLength);
        if (!owner.TryGetValue(out var ownerId, out var rejected))
            return rejected;
        if (request.RateBps is not { } rate || rate is < 0 or > MaxRateBps)
            return InvalidRequest.For("rateBps", $"A rate is 0–{MaxRateBps} basis points (10000 = 100 %), got {Shown(request.RateBps)}.");
        if (request.HoldDays is not { } days || days is < 0 or > MaxHoldDays)
            return InvalidRequest.For("holdDays", $"A hold is 0–{MaxHoldDays} days, got {Shown(request.HoldDays)}.");

        var policy = new ReservePolicyRecord(ownerId, rate, days, clock.GetUtcNow(), actor.Trim());
        var payload = JsonSerializer.Serialize(new { ownerId, rateBps = rate, holdDays = days, updatedBy = policy.UpdatedBy, updatedAt = policy.UpdatedAt });
        var policySet = new OutboxEvent("reserve-policy", ownerId, EventType,
            "reserve-policy-set:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), payload);
        return await store.SetPolicyAsync(policy, policySet, cancellationToken).ConfigureAwait(false)
            ? policy
            : new NotFound("owner", ownerId) { Field = "ownerId" };
    }

    private static string Shown(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";
}
