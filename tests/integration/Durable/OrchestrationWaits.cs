using Microsoft.DurableTask.Client;

namespace WalletFlow.Tests.Integration.Durable;

/// <summary>Polls the client until an orchestration shows what a test waits for, or fails naming what it saw.</summary>
internal static class OrchestrationWaits
{
    public static async Task<OrchestrationMetadata> CustomStatusAsync(
        DurableTaskClient client, string instanceId, string expected, CancellationToken ct, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        OrchestrationMetadata? last = null;
        try
        {
            while (true)
            {
                last = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, limit.Token);
                if (last?.ReadCustomStatusAs<string>() == expected)
                    return last;
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Orchestration {instanceId} did not show custom status '{expected}'; last seen: " +
                (last is null ? "no instance" : $"{last.RuntimeStatus}, '{last.SerializedCustomStatus}'"));
        }
    }

    public static async Task<OrchestrationMetadata> CompletionAsync(
        DurableTaskClient client, string instanceId, CancellationToken ct, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, limit.Token);
    }
}
