namespace WalletFlow.Tests.Integration.Chaos;

/// <summary>
/// The chaos tests each run whole walletflow processes and a cluster of their own, and kill them on
/// purpose: they run one at a time, and not beside other tests, so a 2-core machine is not starved
/// into timeouts that would look like lost work.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OneChaosRunAtATime
{
    public const string Name = "chaos";
}
