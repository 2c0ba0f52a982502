namespace WalletFlow.Api;

/// <summary>POST /v1/gates/acknowledge: lift the payouts pause a failed gate set (the actor is the signed-in identity).</summary>
/// <param name="Reason">Why payouts may start again.</param>
public sealed record GateAcknowledgementBody(string? Reason);
