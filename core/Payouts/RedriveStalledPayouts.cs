using WalletFlow.Core.Ports;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// The saga sweeper (design.md §7): every payout not in a terminal state whose saga instance is
/// missing or ended (completed, failed, terminated) is started again under the same instance id. Every step is idempotent by its key,
/// so a re-driven saga finds what its predecessor did and carries on.
/// </summary>
public sealed class RedriveStalledPayouts(IPayoutStore payouts, IPayoutSagas sagas, RequeryPolicy requery)
{
    /// <summary>The payout ids re-driven.</summary>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var redriven = new List<string>();
        foreach (var payout in await payouts.ListUnfinishedAsync(cancellationToken))
        {
            if (await sagas.IsAliveAsync(payout.PayoutId, cancellationToken))
                continue;
            await sagas.StartAsync(StartPayout.SagaInput(payout, requery), cancellationToken);
            redriven.Add(payout.PayoutId);
        }
        return redriven;
    }
}
