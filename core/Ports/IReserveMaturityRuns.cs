namespace WalletFlow.Core.Ports;

/// <summary>The reserve maturity workflow's runtime as the timers see it (Durable Task in both hosts).</summary>
public interface IReserveMaturityRuns
{
    /// <summary>
    /// Starts the run of <paramref name="tick"/> (instance id <see cref="Reserves.ReserveMaturity.InstanceId"/>)
    /// unless that instance is alive; answers its instance id.
    /// </summary>
    Task<string> StartAsync(DateTimeOffset tick, CancellationToken cancellationToken);
}
