namespace WalletFlow.Adapters;

/// <summary>
/// The background loops <see cref="WalletFlowServiceCollectionExtensions.AddWalletFlow"/> registers as
/// hosted services. The sandbox rail is not here: <c>Payments:Sandbox:Enabled</c> decides it in every host.
/// </summary>
[Flags]
public enum WalletFlowBackgroundWork
{
    None = 0,

    /// <summary>Seals the embedded ledger's log hash chain after commit (one sealer per ledger across processes).</summary>
    LogSealer = 1,

    /// <summary>Publishes outbox rows in order (one relay at a time across processes).</summary>
    OutboxRelay = 2,

    /// <summary>Runs the reconciliation gates on <c>Gates:IntervalMinutes</c>; functions/ uses a TimerTrigger instead.</summary>
    GateSchedule = 4,

    /// <summary>With Formance, completes ledger transactions whose command commit was lost, on <c>Ledger:ReconcileInterval</c>.</summary>
    OrphanReconciler = 8,

    All = LogSealer | OutboxRelay | GateSchedule | OrphanReconciler,
}
