using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Adapters.Durable;

/// <summary>The reserve maturity run on Durable Task, through whichever <see cref="DurableTaskClient"/> the host has (sidecar or Functions).</summary>
public sealed class DurableTaskReserveMaturityRuns(DurableTaskClient client, IOptions<ReservesOptions> options) : IReserveMaturityRuns
{
    public async Task<string> StartAsync(DateTimeOffset tick, CancellationToken cancellationToken)
    {
        var instanceId = ReserveMaturity.InstanceId(tick);
        await client.StartUnlessAliveAsync(ReserveMaturity.Run, instanceId,
            new ReserveMaturityInput(tick.UtcDateTime, options.Value.MaturityBatchSize), cancellationToken);
        return instanceId;
    }
}
