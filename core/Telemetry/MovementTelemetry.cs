using System.Diagnostics;
using System.Diagnostics.Metrics;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Telemetry;

/// <summary>
/// What every money movement reports, wherever it comes from (an API call, a saga step, a cutover batch):
/// a span <c>movement {operation}</c> around the use case's run through the pipeline, and the counters
/// <c>walletflow.movements</c> (operation, outcome) and <c>walletflow.rejections</c> (operation, reason).
/// Recorded once, by <see cref="MovementPipeline"/> and <see cref="LedgerRevert"/>, the two ways a movement
/// reaches a ledger. A request refused before its movement starts (a malformed amount) is the HTTP
/// layer's 400, not a movement.
/// </summary>
public static class MovementTelemetry
{
    private static readonly Counter<long> Movements = WalletFlowTelemetry.Meter.CreateCounter<long>(
        "walletflow.movements", "{movement}", "Money movements run, by operation and outcome (posted, replayed, rejected, failed, cancelled).");

    private static readonly Counter<long> Rejections = WalletFlowTelemetry.Meter.CreateCounter<long>(
        "walletflow.rejections", "{rejection}", "Money movements refused (nothing written), by operation and the rejection's code.");

    /// <summary>The movement's span, current from here on, so its SQL and HTTP calls are its children; null when nobody listens.</summary>
    public static Activity? Start(string operation)
    {
        var span = WalletFlowTelemetry.Source.StartActivity("movement " + operation, ActivityKind.Internal);
        span?.SetTag(WalletFlowTelemetry.Tags.Operation, operation);
        return span;
    }

    /// <summary>Awaits the movement, then tags its span and counts it by how it ended; an exception is counted and rethrown.</summary>
    /// <param name="span">From <see cref="Start"/> (disposed by the caller).</param>
    /// <param name="command">The movement (its <see cref="MovementCommand.Replayed"/> tells a replay from a post).</param>
    /// <param name="template">The template the ledger runs (a pipeline's operation, or the ledger's revert).</param>
    /// <param name="written">The writer's work.</param>
    public static async Task<Result<MovementReceipt>> ObserveAsync(Activity? span, MovementCommand command, string template, Task<Result<MovementReceipt>> written)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(written);
        span?.SetTag(WalletFlowTelemetry.Tags.Template, template);
        span?.SetTag(WalletFlowTelemetry.Tags.CommandId, command.CommandId);
        Result<MovementReceipt> result;
        try
        {
            result = await written.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Count(span, command.Operation, WalletFlowTelemetry.Outcomes.Cancelled);
            throw;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            Count(span, command.Operation, WalletFlowTelemetry.Outcomes.Failed);
            throw;
        }

        if (result.TryGetValue(out var receipt, out var rejected))
        {
            span?.SetTag(WalletFlowTelemetry.Tags.LedgerTransactionId, receipt.TransactionId);
            Count(span, command.Operation, command.Replayed ? WalletFlowTelemetry.Outcomes.Replayed : WalletFlowTelemetry.Outcomes.Posted);
        }
        else
        {
            span?.SetTag(WalletFlowTelemetry.Tags.Reason, rejected.Code);
            Count(span, command.Operation, WalletFlowTelemetry.Outcomes.Rejected);
            Rejections.Add(1, new(WalletFlowTelemetry.Tags.Operation, command.Operation), new(WalletFlowTelemetry.Tags.Reason, rejected.Code));
        }
        return result;
    }

    private static void Count(Activity? span, string operation, string outcome)
    {
        span?.SetTag(WalletFlowTelemetry.Tags.Outcome, outcome);
        Movements.Add(1, new(WalletFlowTelemetry.Tags.Operation, operation), new(WalletFlowTelemetry.Tags.Outcome, outcome));
    }
}
