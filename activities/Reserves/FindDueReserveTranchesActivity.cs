using Microsoft.DurableTask;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Reserves;

namespace WalletFlow.Activities.Reserves;

/// <summary>The maturity run's first step: the unreleased tranches of active wallets matured at the tick, oldest first, at most a batch.</summary>
public sealed class FindDueReserveTranchesActivity(IReserveStore reserves) : TaskActivity<DueReserveTranches, IReadOnlyList<string>>
{
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, DueReserveTranches input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return reserves.ListDueTranchesAsync(input, CancellationToken.None);
    }
}
