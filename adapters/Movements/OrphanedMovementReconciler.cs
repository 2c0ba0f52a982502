using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Movements;

namespace WalletFlow.Adapters.Movements;

/// <summary>
/// Runs the orphan reconciler (<see cref="CompleteOrphanedMovements"/>) at start-up and every
/// <c>Ledger:ReconcileInterval</c>, with Formance only: on the embedded ledger a movement and its
/// command commit in one transaction, so there are no orphans to complete. A run that fails (the
/// ledger or the database away) is logged and the next interval tries again.
/// </summary>
public sealed partial class OrphanedMovementReconciler(
    CompleteOrphanedMovements reconciler, IOptions<LedgerOptions> options, TimeProvider time, ILogger<OrphanedMovementReconciler> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Mode != LedgerMode.Formance)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Report(await reconciler.RunAsync(stoppingToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRunFailed(logger, e);
            }
            await Task.Delay(settings.ReconcileInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private void Report(OrphanedMovementsRun run)
    {
        if (run.Completed.Count > 0)
            LogCompleted(logger, run.Completed.Count, string.Join(", ", run.Completed.Take(20)));
        foreach (var (transactionId, error) in run.Failed)
            LogFailed(logger, transactionId, error);
        foreach (var (transactionId, reason) in run.NeedsOperator)
            LogNeedsOperator(logger, transactionId, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphan reconciler completed {Count} movements whose command commit had been lost: {CommandIds}")]
    private static partial void LogCompleted(ILogger logger, int count, string commandIds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orphan reconciler could not complete ledger transaction {TransactionId}; the next run tries again: {Error}")]
    private static partial void LogFailed(ILogger logger, long transactionId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ledger transaction {TransactionId} has no command and cannot be completed automatically: {Reason}")]
    private static partial void LogNeedsOperator(ILogger logger, long transactionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The orphan reconciler failed; it runs again at the next interval")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
