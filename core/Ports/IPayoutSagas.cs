using WalletFlow.Core.Payouts;

namespace WalletFlow.Core.Ports;

/// <summary>The payout saga's runtime as use cases see it (Durable Task in both hosts).</summary>
public interface IPayoutSagas
{
    /// <summary>Starts the saga with instance id = payout id; a running or finished instance is left alone.</summary>
    Task StartAsync(PayoutSagaInput input, CancellationToken cancellationToken);

    /// <summary>True when an instance exists and has not failed or been terminated.</summary>
    Task<bool> IsAliveAsync(string payoutId, CancellationToken cancellationToken);

    /// <summary>Raises the ProviderStatus event (a verified webhook).</summary>
    Task RaiseProviderStatusAsync(string payoutId, ProviderReply reply, CancellationToken cancellationToken);

    /// <summary>Raises the ManualResolution event.</summary>
    Task RaiseResolutionAsync(string payoutId, PayoutResolution resolution, CancellationToken cancellationToken);
}
