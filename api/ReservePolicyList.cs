namespace WalletFlow.Api;

/// <summary>GET /v1/reserve-policies: the policies, by owner id.</summary>
/// <param name="Policies">Every policy, or the one owner's asked for (empty when it has none).</param>
public sealed record ReservePolicyList(IReadOnlyList<ReservePolicyResponse> Policies);
