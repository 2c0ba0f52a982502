using WalletFlow.Core.Payouts;

namespace WalletFlow.Core.Ports;

/// <summary>The payout saga's runtime as use cases see it (Durable Task in both hosts).</summary>
public interface IPayoutSagas
{
    /// <summary>Starts the saga with instance id = payout id; a live instance is left alone, one that ended is replaced.</summary>
    Task StartAsync(PayoutSagaInput input, CancellationToken cancellationToken);

    /// <summary>True when an instance exists and has not ended (completed, failed or terminated).</summary>
    Task<bool> IsAliveAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>Raises the ProviderStatus event (a verified webhook).</summary>
    Task RaiseProviderStatusAsync(string payoutId, ProviderReply reply, CancellationToken cancellationToken);

    /// <summary>Raises the ManualResolution event.</summary>
    Task RaiseResolutionAsync(string payoutId, PayoutResolution resolution, CancellationToken cancellationToken);
}
