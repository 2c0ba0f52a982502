using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Host;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.Durable.Probe;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Durable;

/// <summary>
/// <c>Durable:Backend=AzureStorage</c> (DurableTask.AzureStorage) against Azurite on loopback: the
/// same sidecar, worker and client as the in-memory default, but orchestrations outlive the process.
/// </summary>
public class AzureStorageBackendTests(FreshDatabase database, AzuriteServer azurite)
    : IClassFixture<FreshDatabase>, IClassFixture<AzuriteServer>
{
    private Task<WalletFlowServer> StartAsync(string taskHub) => WalletFlowServer.StartAsync(
        [
            "--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}",
            "--Durable:Backend=AzureStorage",
            $"--Durable:AzureStorage:ConnectionString={azurite.ConnectionString}",
            $"--Durable:AzureStorage:TaskHubName={taskHub}",
        ],
        TestContext.Current.CancellationToken, ApprovalProbe.Register);

    [Fact]
    public async Task An_orchestration_on_Azure_Storage_survives_a_restart_of_the_host_and_completes_after_it()
    {
        if (!azurite.Available)
            Assert.Skip(azurite.Missing);
        var ct = TestContext.Current.CancellationToken;
        var taskHub = $"wf{Guid.NewGuid():N}"[..20];
        var id = $"probe-{Guid.NewGuid():N}";

        await using (var first = await StartAsync(taskHub))
        {
            Assert.IsType<AzureStorageDurableBackend>(first.Services.GetRequiredService<IDurableBackend>());
            var client = first.Services.GetRequiredService<DurableTaskClient>();
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApprovalProbe), new ApprovalProbeInput("Frances", TimeSpan.FromSeconds(1)), new StartOrchestrationOptions(id), ct);
            await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, ct, TimeSpan.FromMinutes(1));
        }

        await using var second = await StartAsync(taskHub);
        var again = second.Services.GetRequiredService<DurableTaskClient>();
        var survived = await again.GetInstanceAsync(id, getInputsAndOutputs: true, ct);
        Assert.NotNull(survived);
        Assert.Equal(OrchestrationRuntimeStatus.Running, survived.RuntimeStatus);
        Assert.Equal(ApprovalProbeStep.WaitingForApproval, survived.ReadCustomStatusAs<string>());

        await again.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "approved after restart", ct);
        var done = await OrchestrationWaits.CompletionAsync(again, id, ct, TimeSpan.FromMinutes(2));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var result = done.ReadOutputAs<ApprovalProbeResult>()!;
        Assert.Equal($"Hello, Frances (from {nameof(GreetActivity)})", result.Greeting);
        Assert.Equal("approved after restart", result.Approval);
    }
}
