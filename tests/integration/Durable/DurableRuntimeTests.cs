using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletFlow.Host;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.Durable.Probe;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Durable;

/// <summary>
/// The durable runtime inside the real host (in-process, Kestrel on loopback, a real database):
/// worker and client over gRPC to the in-process sidecar, on the default PostgreSQL store unless a test says otherwise.
/// </summary>
public class DurableRuntimeTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private const string InMemory = "--Durable:Backend=InMemory";

    private string[] Args(params string[] extra) =>
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", .. extra];

    private Task<WalletFlowServer> StartAsync(params string[] extra) =>
        WalletFlowServer.StartAsync(Args(extra), TestContext.Current.CancellationToken, ApprovalProbe.Register);

    [Fact]
    public async Task An_orchestration_runs_its_activity_and_durable_timer_then_completes_on_the_event_the_client_raises()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var delay = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();

        var id = await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalProbe), new ApprovalProbeInput("Ada", delay), new StartOrchestrationOptions($"probe-{Guid.NewGuid():N}"), ct);

        // It parks on the event only after the activity ran and the timer fired; the status says so.
        var waiting = await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, ct);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        Assert.True(clock.Elapsed >= delay, $"the durable timer of {delay} fired after {clock.Elapsed}");

        await client.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "approved by ops", ct);
        var done = await OrchestrationWaits.CompletionAsync(client, id, ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ApprovalProbeStep.Approved, done.ReadCustomStatusAs<string>());
        var result = done.ReadOutputAs<ApprovalProbeResult>()!;
        Assert.Equal($"Hello, Ada (from {nameof(GreetActivity)})", result.Greeting);
        Assert.Equal("approved by ops", result.Approval);
        Assert.True(result.TimerFired >= result.TimerDue, $"timer fired at {result.TimerFired:O}, due {result.TimerDue:O}");
        // Due a full delay after the instance was created (orchestration time never runs before it).
        Assert.True(result.TimerDue - done.CreatedAt >= delay, $"timer due {result.TimerDue:O}, created {done.CreatedAt:O}");
    }

    [Fact]
    public async Task The_sidecar_accepts_connections_on_127_0_0_1_and_on_no_other_address()
    {
        await using var server = await StartAsync();
        var address = server.Services.GetRequiredService<DurableSidecar>().Address;

        Assert.Equal("127.0.0.1", address.Host);
        Assert.True(await AcceptsAsync(IPAddress.Loopback, address.Port));
        // A socket bound to 0.0.0.0 or [::] would answer these too; one bound to 127.0.0.1 does not.
        Assert.False(await AcceptsAsync(IPAddress.Parse("127.0.0.2"), address.Port));
        if (Socket.OSSupportsIPv6)
            Assert.False(await AcceptsAsync(IPAddress.IPv6Loopback, address.Port));
        if (OperatingSystem.IsLinux())
            Assert.Equal(["127.0.0.1"], ListeningSockets.On(address.Port));
    }

    [Fact]
    public async Task Durable_SidecarPort_fixes_the_sidecar_port_and_the_runtime_works_there()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = ListeningSockets.FreeLoopbackPort();
        await using var server = await StartAsync($"--Durable:SidecarPort={port}");

        Assert.Equal(new Uri($"http://127.0.0.1:{port}"), server.Services.GetRequiredService<DurableSidecar>().Address);
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe), new ApprovalProbeInput("Grace", TimeSpan.Zero), ct);
        await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, ct);
    }

    /// <summary>
    /// The in-memory backend keeps orchestrations in the process: a restart forgets them, by design.
    /// Payouts survive it because their state is in Postgres and the saga sweeper re-drives them.
    /// </summary>
    [Fact]
    public async Task In_memory_orchestrations_do_not_survive_a_restart_of_the_host()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = $"probe-{Guid.NewGuid():N}";
        await using (var first = await StartAsync(InMemory))
        {
            var client = first.Services.GetRequiredService<DurableTaskClient>();
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApprovalProbe), new ApprovalProbeInput("Edsger", TimeSpan.Zero), new StartOrchestrationOptions(id), ct);
            var waiting = await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, ct);
            Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        }

        await using var second = await StartAsync(InMemory);
        Assert.Null(await second.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(id, ct));
    }

    [Fact]
    public async Task Stopping_the_host_stops_the_worker_and_the_sidecar_with_an_orchestration_in_flight()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = await StartAsync();
        var port = server.Services.GetRequiredService<DurableSidecar>().Address.Port;
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe), new ApprovalProbeInput("Barbara", TimeSpan.FromMinutes(5)), ct);
        await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForTimer, ct);

        // Stopping must not wait for the five-minute timer: the guard only turns a hang into a failure.
        await server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(2), ct);

        Assert.False(await AcceptsAsync(IPAddress.Loopback, port));
    }

    [Theory]
    [InlineData("--Durable:SidecarPort=70000", "Durable:SidecarPort must be between 0")]
    [InlineData("--Durable:MaxConcurrentOrchestrations=0", "Durable:MaxConcurrentOrchestrations must be between 1 and 1000; it is 0")]
    [InlineData("--Durable:MaxConcurrentActivities=1001", "Durable:MaxConcurrentActivities must be between 1 and 1000; it is 1001")]
    [InlineData("--Durable:LeaseSeconds=2", "Durable:LeaseSeconds must be between 3 and 3600; it is 2")]
    [InlineData("--Durable:RetentionDays=0", "Durable:RetentionDays must be between 1 and 3650; it is 0")]
    [InlineData("--Durable:PurgeInterval=00:00:00", "Durable:PurgeInterval must be between 00:00:01 and 7.00:00:00; it is 00:00:00")]
    [InlineData("--Durable:Backend=AzureStorage", "Durable:AzureStorage:ConnectionString is required when Durable:Backend is AzureStorage")]
    [InlineData("--Durable:Backend=7", "Durable:Backend must be one of Postgres, InMemory, AzureStorage")]
    [InlineData("--Durable:Backend=AzureStorage --Durable:AzureStorage:ConnectionString=UseDevelopmentStorage=true --Durable:AzureStorage:TaskHubName=9lives",
        "Durable:AzureStorage:TaskHubName must start with a letter")]
    public async Task An_invalid_durable_setting_stops_start_up_with_a_message_naming_its_key(string settings, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings.Split(' ')));
        Assert.Contains(message, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Durable:Backend=Cosmos", "Durable:Backend")]
    [InlineData("--Durable:SidecarProt=4001", "SidecarProt")]
    public async Task An_unknown_backend_or_a_misspelt_durable_key_stops_start_up_naming_the_key(string setting, string key)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(setting));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
