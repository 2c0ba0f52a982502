namespace WalletFlow.Adapters.Payments;

/// <summary>
/// <c>Payments:*</c>: the payment providers by id (<c>Payments:Providers:{id}:…</c>) and the sandbox
/// rail (<c>Payments:Sandbox:…</c>). With the sandbox enabled (the local default) a provider
/// <c>sandbox</c> exists even when nothing is configured, pointed at the in-process rail.
/// </summary>
public sealed class PaymentsOptions
{
    public const string Section = "Payments";

    /// <summary>Provider id → its settings. Ids are lower-case account-address segments (<c>clearing:payouts:{id}</c>).</summary>
    public Dictionary<string, PaymentProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    public SandboxRailOptions Sandbox { get; set; } = new();
}
