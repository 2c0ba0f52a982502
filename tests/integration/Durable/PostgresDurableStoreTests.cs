using DurableTask.Core;
using DurableTask.Core.History;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WalletFlow.Adapters.Durable.Postgres;
using WalletFlow.Host;
using WalletFlow.Host.Durable;
using WalletFlow.Tests.Integration.Durable.Probe;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Durable;

/// <summary>
/// The PostgreSQL orchestration store (the default backend), in the real host and directly: what it
/// keeps across a restart, how it replaces, lists and purges instances, and how a lease that runs out
/// hands an orchestration to another process while the first one's late commit is refused.
/// </summary>
public sealed class PostgresDurableStoreTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<WalletFlowServer> StartAsync(params string[] extra) => WalletFlowServer.StartAsync(
        ["--urls", "http://127.0.0.1:0", $"--ConnectionStrings:WalletFlow={database.ConnectionString}", .. extra], Ct, registry =>
        {
            ApprovalProbe.Register(registry);
            RetryProbe.Register(registry);
        });

    /// <summary>
    /// The saga's steps rely on the worker's retry policy for infrastructure failures: a failed activity
    /// is scheduled again after the policy's wait, on either backend, until it succeeds.
    /// </summary>
    [Theory]
    [InlineData("Postgres")]
    [InlineData("InMemory")]
    public async Task A_failing_activity_is_retried_by_its_retry_policy_until_it_succeeds(string backend)
    {
        await using var server = await StartAsync($"--Durable:Backend={backend}");
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var key = $"retry-{Guid.NewGuid():N}";

        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryProbe), new RetryProbeInput(key, Failures: 2), Ct);
        var done = await OrchestrationWaits.CompletionAsync(client, id, Ct);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        // Each failure came back to the orchestration with its exception (the store reads a failure's details back).
        var history = await server.Services.GetRequiredService<IDurableBackend>().GetHistoryAsync(id, Ct);
        var failures = history.OfType<TaskFailedEvent>().ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.Contains("fails on purpose", f.FailureDetails!.ErrorMessage, StringComparison.Ordinal));
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
    }

    [Fact]
    public async Task An_orchestration_waiting_on_its_timer_continues_after_a_restart_and_gets_the_event_raised_before_it()
    {
        var id = $"probe-{Guid.NewGuid():N}";
        DateTime stoppedAt;
        await using (var first = await StartAsync())
        {
            var client = first.Services.GetRequiredService<DurableTaskClient>();
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ApprovalProbe), new ApprovalProbeInput("Edsger", TimeSpan.FromSeconds(4)), new StartOrchestrationOptions(id), Ct);
            await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForTimer, Ct);
            // Accepted while the orchestration waits on its timer: buffered in the store until it asks for it.
            await client.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "approved before the restart", Ct);
            stoppedAt = DateTime.UtcNow;
        }

        await using var second = await StartAsync();
        OrchestrationMetadata done;
        try
        {
            done = await OrchestrationWaits.CompletionAsync(second.Services.GetRequiredService<DurableTaskClient>(), id, Ct);
        }
        catch (OperationCanceledException e) when (!Ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{id} did not complete after the restart; in the store: {await DescribeAsync(id)}", e);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved before the restart", done.ReadOutputAs<ApprovalProbeResult>()!.Approval);
        var history = await second.Services.GetRequiredService<IDurableBackend>().GetHistoryAsync(id, Ct);
        // The same execution carried on: started once, before the stop; the activity ran once; the timer fired once.
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.True(started.Timestamp < stoppedAt, $"started {started.Timestamp:O}, stopped {stoppedAt:O}");
        Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.Single(history.OfType<TaskCompletedEvent>());
        Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal("approved before the restart", Assert.Single(history.OfType<EventRaisedEvent>()).Input.Trim('"'));
    }

    /// <summary>The instance's row and its waiting messages, for a failure message.</summary>
    private async Task<string> DescribeAsync(string id)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(database.ConnectionString);
        await using var command = db.CreateCommand("""
            SELECT format('status %s, lock_owner %s, lock_expires_at %s (now %s); messages: %s', i.status, i.lock_owner, i.lock_expires_at, now(),
                   (SELECT string_agg(format('%s visible %s', e.id, e.visible_at), '; ') FROM durable.new_events e WHERE e.instance_id = i.instance_id))
            FROM durable.instances i WHERE i.instance_id = $1
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = id });
        return (await command.ExecuteScalarAsync(CancellationToken.None)) as string ?? "no instance row";
    }

    [Fact]
    public async Task A_finished_instance_id_starts_a_new_execution_while_a_live_one_is_never_replaced()
    {
        await using var server = await StartAsync();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var id = $"probe-{Guid.NewGuid():N}";
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe), new ApprovalProbeInput("Ada", TimeSpan.Zero), new StartOrchestrationOptions(id), Ct);
        await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, Ct);

        await Assert.ThrowsAnyAsync<Exception>(() => client.ScheduleNewOrchestrationInstanceAsync(
            nameof(ApprovalProbe), new ApprovalProbeInput("Mallory", TimeSpan.Zero), new StartOrchestrationOptions(id), Ct));
        var live = await client.GetInstanceAsync(id, getInputsAndOutputs: true, Ct);
        Assert.Equal("Ada", live!.ReadInputAs<ApprovalProbeInput>()!.Name);

        await client.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "first", Ct);
        await OrchestrationWaits.CompletionAsync(client, id, Ct);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe), new ApprovalProbeInput("Grace", TimeSpan.Zero), new StartOrchestrationOptions(id), Ct);
        await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, Ct);
        await client.RaiseEventAsync(id, ApprovalProbe.ApprovalEvent, "second", Ct);
        var done = await OrchestrationWaits.CompletionAsync(client, id, Ct);

        Assert.Equal("Hello, Grace (from GreetActivity)", done.ReadOutputAs<ApprovalProbeResult>()!.Greeting);
        var history = await server.Services.GetRequiredService<IDurableBackend>().GetHistoryAsync(id, Ct);
        Assert.Contains("Grace", Assert.Single(history.OfType<ExecutionStartedEvent>()).Input, StringComparison.Ordinal);
        Assert.Equal("second", Assert.Single(history.OfType<EventRaisedEvent>()).Input.Trim('"'));
    }

    [Fact]
    public async Task Instances_are_listed_by_status_and_prefix_and_only_finished_ones_are_purged()
    {
        await using var server = await StartAsync();
        var client = server.Services.GetRequiredService<DurableTaskClient>();
        var prefix = $"list-{Guid.NewGuid():N}-";
        for (var i = 0; i < 3; i++)
        {
            var id = $"{prefix}{i}";
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ApprovalProbe), new ApprovalProbeInput("Alan", TimeSpan.Zero), new StartOrchestrationOptions(id), Ct);
            await OrchestrationWaits.CustomStatusAsync(client, id, ApprovalProbeStep.WaitingForApproval, Ct);
        }
        await client.RaiseEventAsync($"{prefix}0", ApprovalProbe.ApprovalEvent, "yes", Ct);
        await client.RaiseEventAsync($"{prefix}1", ApprovalProbe.ApprovalEvent, "yes", Ct);
        await OrchestrationWaits.CompletionAsync(client, $"{prefix}0", Ct);
        await OrchestrationWaits.CompletionAsync(client, $"{prefix}1", Ct);

        var completed = await ListAsync(client, new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 1 });
        Assert.Equal([$"{prefix}0", $"{prefix}1"], completed);
        Assert.Equal([$"{prefix}2"], await ListAsync(client, new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Running] }));

        Assert.Equal(1, (await client.PurgeInstanceAsync($"{prefix}0", cancellation: Ct)).PurgedInstanceCount);
        Assert.Equal(0, (await client.PurgeInstanceAsync($"{prefix}2", cancellation: Ct)).PurgedInstanceCount);
        Assert.Null(await client.GetInstanceAsync($"{prefix}0", Ct));
        Assert.Empty(await server.Services.GetRequiredService<IDurableBackend>().GetHistoryAsync($"{prefix}0", Ct));
        Assert.Equal([$"{prefix}1", $"{prefix}2"], await ListAsync(client, new OrchestrationQuery { InstanceIdPrefix = prefix }));
    }

    [Fact]
    public async Task A_lease_that_runs_out_hands_the_orchestration_to_another_process_and_the_first_ones_commit_is_refused()
    {
        await using var own = await OwnDatabaseAsync();
        var lease = TimeSpan.FromSeconds(3);
        var options = PostgresTaskHubOptions.Default with { LeaseDuration = lease, PollInterval = TimeSpan.FromMilliseconds(200) };
        // Neither is started: nothing renews their leases, as after a kill -9.
        await using var dead = new PostgresOrchestrationService(own.ConnectionString, options, NullLoggerFactory.Instance);
        await using var alive = new PostgresOrchestrationService(own.ConnectionString, options, NullLoggerFactory.Instance);
        var instance = new OrchestrationInstance { InstanceId = $"lease-{Guid.NewGuid():N}", ExecutionId = Guid.NewGuid().ToString("N") };
        await alive.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, "\"input\"") { Name = "Probe", OrchestrationInstance = instance },
        });

        var first = await dead.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(instance.InstanceId, first.InstanceId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var second = await alive.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.NotNull(second);
        Assert.Equal(instance.InstanceId, second.InstanceId);
        Assert.True(clock.Elapsed >= lease - TimeSpan.FromMilliseconds(500), $"taken over after {clock.Elapsed}, before the {lease} lease ran out");
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(second.NewMessages).Event);

        await CompleteAsync(alive, second, "by the new owner");
        await Assert.ThrowsAsync<DurableLeaseLostException>(() => CompleteAsync(dead, first, "by the dead owner"));

        var state = await alive.GetOrchestrationStateAsync(instance.InstanceId, executionId: null);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("\"by the new owner\"", state.Output);
        var history = await alive.GetHistoryAsync(instance.InstanceId, Ct);
        Assert.Equal(
            [EventType.OrchestratorStarted, EventType.ExecutionStarted, EventType.ExecutionCompleted, EventType.OrchestratorCompleted],
            history.Select(e => e.EventType));
        // Its message was consumed once: nothing is left for anyone to run.
        Assert.Null(await alive.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), Ct));
    }

    /// <summary>
    /// A process that stops gives back every lease it holds in the store, including one a look committed
    /// a moment before the stop and had not noted yet (the restart test waited out that lease: 30 s).
    /// </summary>
    [Fact]
    public async Task Stopping_gives_back_every_lease_the_process_holds_in_the_store_even_one_it_has_not_noted()
    {
        await using var own = await OwnDatabaseAsync();
        var store = new PostgresOrchestrationService(own.ConnectionString, PostgresTaskHubOptions.Default, NullLoggerFactory.Instance);
        await store.StartAsync();
        var instance = new OrchestrationInstance { InstanceId = $"stop-{Guid.NewGuid():N}", ExecutionId = Guid.NewGuid().ToString("N") };
        await store.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, "\"input\"") { Name = "Probe", OrchestrationInstance = instance },
        });
        // As a look's lease statement leaves it when the process has not yet noted what it leased.
        await using (var lease = own.DataSource.CreateCommand(
            "UPDATE durable.instances SET lock_token = gen_random_uuid(), lock_owner = $1, lock_expires_at = now() + interval '30 seconds' WHERE instance_id = $2"))
        {
            lease.Parameters.Add(new Npgsql.NpgsqlParameter { Value = store.Owner });
            lease.Parameters.Add(new Npgsql.NpgsqlParameter { Value = instance.InstanceId });
            Assert.Equal(1, await lease.ExecuteNonQueryAsync(Ct));
        }

        await store.StopAsync();
        await store.DisposeAsync();

        await using var check = own.DataSource.CreateCommand("SELECT lock_owner IS NULL AND lock_expires_at IS NULL FROM durable.instances WHERE instance_id = $1");
        check.Parameters.Add(new Npgsql.NpgsqlParameter { Value = instance.InstanceId });
        Assert.True((bool)(await check.ExecuteScalarAsync(Ct))!);
        await using var next = new PostgresOrchestrationService(own.ConnectionString, PostgresTaskHubOptions.Default, NullLoggerFactory.Instance);
        var taken = await next.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal(instance.InstanceId, taken?.InstanceId);
        // Finished: nothing of it is left to run.
        await CompleteAsync(next, taken!, "done");
    }

    [Fact]
    public async Task The_retention_purge_removes_instances_finished_before_the_threshold_and_nothing_live()
    {
        await using var own = await OwnDatabaseAsync();
        await using var store = new PostgresOrchestrationService(own.ConnectionString, PostgresTaskHubOptions.Default, NullLoggerFactory.Instance);
        var finished = await StartAsync(store, "retention-finished");
        var live = await StartAsync(store, "retention-live");
        var item = await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        var other = await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        var (done, running) = item.InstanceId == finished ? (item, other) : (other, item);
        await CompleteAsync(store, done, "done");
        await store.ReleaseTaskOrchestrationWorkItemAsync(running);

        // A threshold before the finish purges nothing; one after it purges the finished instance only.
        await store.PurgeOrchestrationHistoryAsync(DateTime.UtcNow.AddDays(-1), OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);
        Assert.NotNull(await store.GetOrchestrationStateAsync(finished, executionId: null));
        await store.PurgeOrchestrationHistoryAsync(DateTime.UtcNow.AddMinutes(1), OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter);

        Assert.Null(await store.GetOrchestrationStateAsync(finished, executionId: null));
        Assert.Empty(await store.GetHistoryAsync(finished, Ct));
        Assert.Equal(OrchestrationStatus.Pending, (await store.GetOrchestrationStateAsync(live, executionId: null)).OrchestrationStatus);
        // The live one's start message is still there to run.
        Assert.Equal(live, (await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct)).InstanceId);
    }

    /// <summary>
    /// An episode's commit gives the instance back, and the same process may lease it for the next
    /// episode before the dispatcher releases the first work item. That release must leave the newer
    /// lease alone: it once cleared it, a third lease followed, and the second episode's commit deleted
    /// the third's messages (a cutover's fan-in lost batch results and waited for ever after a restart).
    /// </summary>
    [Fact]
    public async Task Releasing_a_committed_work_item_leaves_the_newer_lease_on_its_instance_alone_and_loses_no_message()
    {
        await using var own = await OwnDatabaseAsync();
        await using var store = new PostgresOrchestrationService(own.ConnectionString, PostgresTaskHubOptions.Default, NullLoggerFactory.Instance);
        var id = await StartAsync(store, "relay");
        var first = await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        await CommitRunningAsync(store, first);

        await RaiseAsync(store, id, "one");
        var second = await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(id, second?.InstanceId);
        await store.ReleaseTaskOrchestrationWorkItemAsync(first);

        // The second lease still holds: a new event waits for it instead of being leased beside it.
        await RaiseAsync(store, id, "two");
        Assert.Null(await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(1), Ct));
        await CommitRunningAsync(store, second!);
        await store.ReleaseTaskOrchestrationWorkItemAsync(second!);

        // "one" went into the history once; "two" is still there for the next episode.
        var third = await store.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(["\"two\""], third.NewMessages.Select(m => ((EventRaisedEvent)m.Event).Input));
        var raised = (await store.GetHistoryAsync(id, Ct)).OfType<EventRaisedEvent>().Select(e => e.Input);
        Assert.Equal(["\"one\""], raised);
        await CompleteAsync(store, third, "done");
    }

    [Fact]
    public async Task Instances_are_found_by_orchestration_name_status_and_creation_time()
    {
        await using var own = await OwnDatabaseAsync();
        await using var store = new PostgresOrchestrationService(own.ConnectionString, PostgresTaskHubOptions.Default, NullLoggerFactory.Instance);
        var before = DateTime.UtcNow.AddSeconds(-1);
        var saga = await StartAsync(store, "byname", "PayoutSaga");
        var probe = await StartAsync(store, "byname", "Probe");

        var sagas = await store.QueryAsync(new CoreQuery { InstanceIdPrefix = "byname-" }, name: "PayoutSaga", Ct);
        Assert.Equal([saga], sagas.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
        var pending = await store.QueryAsync(new CoreQuery
        {
            InstanceIdPrefix = "byname-",
            RuntimeStatus = [OrchestrationStatus.Pending],
            CreatedTimeFrom = before,
            CreatedTimeTo = DateTime.UtcNow.AddSeconds(1),
        }, name: null, Ct);
        Assert.Equal(new[] { saga, probe }.Order(StringComparer.Ordinal), pending.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
        var later = await store.QueryAsync(new CoreQuery { InstanceIdPrefix = "byname-", CreatedTimeFrom = DateTime.UtcNow.AddMinutes(1) }, name: null, Ct);
        Assert.Empty(later.OrchestrationState);
        var running = await store.QueryAsync(new CoreQuery { InstanceIdPrefix = "byname-", RuntimeStatus = [OrchestrationStatus.Running] }, name: null, Ct);
        Assert.Empty(running.OrchestrationState);
    }

    /// <summary>
    /// A migrated database of the test's own: a test that takes "the next work item" straight from the
    /// store must not be handed instances another test on the class's database left runnable.
    /// </summary>
    private async Task<FreshDatabase> OwnDatabaseAsync()
    {
        var own = new FreshDatabase(database.Server);
        await own.InitializeAsync();
        await own.MigrateAsync();
        return own;
    }

    private static async Task<string> StartAsync(PostgresOrchestrationService store, string prefix, string name = "Probe")
    {
        var instance = new OrchestrationInstance { InstanceId = $"{prefix}-{Guid.NewGuid():N}", ExecutionId = Guid.NewGuid().ToString("N") };
        await store.CreateTaskOrchestrationAsync(new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, "\"input\"") { Name = name, OrchestrationInstance = instance },
        });
        return instance.InstanceId;
    }

    private static async Task CompleteAsync(PostgresOrchestrationService service, TaskOrchestrationWorkItem item, string output)
    {
        var runtime = new OrchestrationRuntimeState(item.OrchestrationRuntimeState.Events);
        runtime.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in item.NewMessages)
            runtime.AddEvent(message.Event);
        runtime.AddEvent(new ExecutionCompletedEvent(0, $"\"{output}\"", OrchestrationStatus.Completed));
        runtime.AddEvent(new OrchestratorCompletedEvent(-1));
        item.OrchestrationRuntimeState = runtime;
        try
        {
            await service.CompleteTaskOrchestrationWorkItemAsync(item, runtime, [], [], [], null!, null!);
        }
        finally
        {
            await service.ReleaseTaskOrchestrationWorkItemAsync(item);
        }
    }

    /// <summary>Commits an episode that applies the work item's messages and leaves the orchestration running; no release.</summary>
    private static async Task CommitRunningAsync(PostgresOrchestrationService service, TaskOrchestrationWorkItem item)
    {
        var runtime = new OrchestrationRuntimeState(item.OrchestrationRuntimeState.Events);
        runtime.AddEvent(new OrchestratorStartedEvent(-1));
        foreach (var message in item.NewMessages)
            runtime.AddEvent(message.Event);
        runtime.AddEvent(new OrchestratorCompletedEvent(-1));
        item.OrchestrationRuntimeState = runtime;
        await service.CompleteTaskOrchestrationWorkItemAsync(item, runtime, [], [], [], null!, null!);
    }

    private static Task RaiseAsync(PostgresOrchestrationService service, string instanceId, string value) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new EventRaisedEvent(-1, $"\"{value}\"") { Name = "Signal" },
        });

    private static async Task<List<string>> ListAsync(DurableTaskClient client, OrchestrationQuery query)
    {
        var ids = new List<string>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(Ct))
            ids.Add(instance.InstanceId);
        ids.Sort(StringComparer.Ordinal);
        return ids;
    }
}
