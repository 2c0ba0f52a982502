using Microsoft.DurableTask;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Orchestrations.Payouts;

/// <summary>
/// The payout saga (design.md §7): hold → submit → requery until definitive (a provider webhook cuts a
/// wait short) → settle or release; budget spent while still unknown → dead-letter, manual review, and
/// the operator's resolution. Money is never released while the provider's answer is not definitive.
/// Deterministic: time from the context, every side effect an activity; instance id = payout id.
/// </summary>
public sealed class PayoutSaga : TaskOrchestrator<PayoutSagaInput, PayoutSagaResult>
{
    // Infrastructure failures inside a step (database restart, network) are retried; a step is idempotent by its key.
    private static readonly TaskOptions StepRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<PayoutSagaResult> RunAsync(TaskOrchestrationContext context, PayoutSagaInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        Step(context, PayoutLifecycle.Hold);
        var held = await context.CallActivityAsync<PayoutStepResult>(PayoutActivityNames.Hold, input, StepRetry);
        for (var attempt = 1; held.Retry; attempt++)
        {
            // Not an answer (the hold's key in progress or conflicting: another execution of this payout may be
            // holding right now): ask again, never end Rejected. Past the budget the saga fails and the sweeper
            // re-drives it later with a fresh history.
            if (attempt > input.Requery.MaxRequeries)
                throw new InvalidOperationException($"Payout {input.PayoutId} could not be held after {attempt} attempts: {held.Code} {held.Message}");
            await context.CreateTimer(input.Requery.DelayBefore(attempt), CancellationToken.None);
            held = await context.CallActivityAsync<PayoutStepResult>(PayoutActivityNames.Hold, input, StepRetry);
        }
        if (!held.Succeeded)
            return new PayoutSagaResult(PayoutStatus.Rejected, held.Message);

        Step(context, PayoutLifecycle.Submit);
        var reply = await context.CallActivityAsync<ProviderReply>(PayoutActivityNames.Submit, input, StepRetry);
        var heard = new HashSet<ProviderReplyKind> { reply.Kind };
        var requeryStarted = context.CurrentUtcDateTime;
        var requeries = 0;
        while (!reply.IsDefinitive && requeries < input.Requery.MaxRequeries)
        {
            var delay = input.Requery.DelayBefore(requeries + 1);
            if (context.CurrentUtcDateTime + delay - requeryStarted > input.Requery.Budget)
                break;
            requeries++;
            var wait = PayoutLifecycle.Wait(requeries);
            Step(context, wait);
            await ProviderNewsOrTimeoutAsync(context, delay, wait, heard);
            Step(context, PayoutLifecycle.Requery(requeries));
            reply = await context.CallActivityAsync<ProviderReply>(
                PayoutActivityNames.Query, new PayoutQuery(input.PayoutId, input.ProviderId, requeries), StepRetry);
            heard.Add(reply.Kind);
        }

        switch (reply.Kind)
        {
            case ProviderReplyKind.Accepted:
                return await SettleAsync(context, new PayoutClosing(input, reply.ProviderReference, reply.Detail));
            case ProviderReplyKind.Rejected:
                return await ReleaseAsync(context, new PayoutClosing(input, reply.ProviderReference, reply.Detail));
        }

        Step(context, PayoutLifecycle.DeadLetter);
        await context.CallActivityAsync(PayoutActivityNames.DeadLetter, new PayoutDeadLetter(input.PayoutId, requeries, reply.Detail), StepRetry);
        Step(context, PayoutLifecycle.ManualReview);
        var resolution = await context.WaitForExternalEvent<PayoutResolution>(PayoutSagaEvents.ManualResolution);
        var closing = new PayoutClosing(input, reply.ProviderReference, $"{resolution.Outcome} by {resolution.Actor}: {resolution.Evidence}");
        return resolution.Outcome == PayoutResolutionOutcome.Settle
            ? await SettleAsync(context, closing)
            : await ReleaseAsync(context, closing);
    }

    /// <summary>
    /// Waits out the backoff, unless a verified provider webhook with news arrives first: a status this saga
    /// has not heard yet (from the provider's API or an earlier webhook). A repeated "pending", or a genuine
    /// webhook replayed inside its signature window, wakes nothing and spends none of the requery budget;
    /// the saga counts them in its custom status and keeps waiting on the same timer. The webhook only wakes
    /// the saga: the requery that follows is what decides, so a webhook is never trusted over the provider's API.
    /// Nothing is cancelled: cancelling either the timer or the event wait left the instance waiting
    /// forever on the in-memory sidecar (tested). A timer left behind fires into nothing; an event wait
    /// left behind may take one later webhook, which then wakes nothing, and the next timer still fires.
    /// </summary>
    private static async Task ProviderNewsOrTimeoutAsync(TaskOrchestrationContext context, TimeSpan delay, string step, HashSet<ProviderReplyKind> heard)
    {
        var timer = context.CreateTimer(delay, CancellationToken.None);
        for (var repeats = 1; ; repeats++)
        {
            var webhook = context.WaitForExternalEvent<ProviderReply>(PayoutSagaEvents.ProviderStatus);
            if (await Task.WhenAny(timer, webhook) == timer || heard.Add(webhook.Result.Kind))
                return;
            context.SetCustomStatus(new { step, repeatedWebhooks = repeats });
        }
    }

    private static async Task<PayoutSagaResult> SettleAsync(TaskOrchestrationContext context, PayoutClosing closing)
    {
        Step(context, PayoutLifecycle.Settle);
        var settled = await context.CallActivityAsync<PayoutStepResult>(PayoutActivityNames.Settle, closing, StepRetry);
        return settled.Succeeded
            ? new PayoutSagaResult(PayoutStatus.Settled, closing.Detail)
            : throw new InvalidOperationException($"Payout {closing.Payout.PayoutId} could not be settled: {settled.Code} {settled.Message}");
    }

    private static async Task<PayoutSagaResult> ReleaseAsync(TaskOrchestrationContext context, PayoutClosing closing)
    {
        Step(context, PayoutLifecycle.Release);
        var released = await context.CallActivityAsync<PayoutStepResult>(PayoutActivityNames.Release, closing, StepRetry);
        return released.Succeeded
            ? new PayoutSagaResult(PayoutStatus.Released, closing.Detail)
            : throw new InvalidOperationException($"Payout {closing.Payout.PayoutId} could not be released: {released.Code} {released.Message}");
    }

    /// <summary>The custom status shows the lifecycle step the saga is in.</summary>
    private static void Step(TaskOrchestrationContext context, string step) => context.SetCustomStatus(new { step });

    /// <summary>The step a serialized custom status of this saga names (what <see cref="Step"/> wrote), or null. For the hosts' status endpoints.</summary>
    public static string? StepOf(string? serializedCustomStatus)
    {
        if (serializedCustomStatus is null)
            return null;
        using var json = System.Text.Json.JsonDocument.Parse(serializedCustomStatus);
        return json.RootElement.TryGetProperty("step", out var step) ? step.GetString() : null;
    }
}
