using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using WalletFlow.Host;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.Durable;
using WalletFlow.Tests.Integration.Durable.Probe;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Hosting;

/// <summary>
/// The durable sidecar's gRPC port on loopback answers only its own process: any other local process
/// that finds the port (a shared machine, a browser's fetch, a curious script) is refused.
/// </summary>
public class DurableSidecarSecretTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    [Fact]
    public async Task A_call_without_the_process_secret_is_unauthenticated_while_the_hosts_own_orchestrations_run()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await WalletFlowServer.StartAsync(
            ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", "--Durable:Backend=InMemory"],
            ct, ApprovalProbe.Register);
        var sidecar = server.Services.GetRequiredService<DurableSidecar>();

        using var channel = GrpcChannel.ForAddress(sidecar.Address);
        var stranger = new TaskHubSidecarService.TaskHubSidecarServiceClient(channel);
        var bare = await Assert.ThrowsAsync<RpcException>(async () => await stranger.HelloAsync(new Empty(), cancellationToken: ct));
        Assert.Equal(StatusCode.Unauthenticated, bare.StatusCode);
        var guessed = await Assert.ThrowsAsync<RpcException>(async () => await stranger.HelloAsync(new Empty(),
            new Metadata { { DurableSidecar.SecretHeader, new string('0', 64) } }, cancellationToken: ct));
        Assert.Equal(StatusCode.Unauthenticated, guessed.StatusCode);
        var start = new CreateInstanceRequest { InstanceId = $"stranger-{Guid.NewGuid():N}", Name = nameof(ApprovalProbe) };
        var started = await Assert.ThrowsAsync<RpcException>(async () => await stranger.StartInstanceAsync(start, cancellationToken: ct));
        Assert.Equal(StatusCode.Unauthenticated, started.StatusCode);

        // The host's own client and worker carry the secret: an orchestration runs its activity, timer and event.
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        Assert.Null(await client.GetInstanceAsync(start.InstanceId, ct));
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe),
            new ApprovalProbeInput("Ada", TimeSpan.FromMilliseconds(100)), new StartOrchestrationOptions($"probe-{Guid.NewGuid():N}"), ct);
        await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, ct);
        await client.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "approved", ct);
        var done = await OrchestrationWaits.CompletionAsync(client, id, ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved", done.ReadOutputAs<ApprovalProbeResult>()!.Approval);
    }
}
