namespace WalletFlow.Core.Ports;

/// <summary>A payout rail (the sandbox rail locally, per-provider HTTP rails in production).</summary>
public interface IPaymentProvider
{
    /// <summary>The provider id used in addresses (<c>clearing:payouts:{providerId}</c>) and the registry.</summary>
    string ProviderId { get; }

    /// <summary>Submits a payout; idempotent on <see cref="PayoutInstruction.PayoutId"/>. Transport failures are <see cref="ProviderOutcome.Ambiguous"/>, not exceptions.</summary>
    Task<ProviderOutcome> SubmitAsync(PayoutInstruction instruction, CancellationToken cancellationToken);

    /// <summary>Asks for the current status of a submitted payout.</summary>
    Task<ProviderOutcome> QueryAsync(string payoutId, CancellationToken cancellationToken);
}
