using System.Text.Json.Nodes;

namespace WalletFlow.Tests.Integration.Functions;

/// <summary>
/// What the Functions host will index: the worker-generated functions.metadata and host.json beside it.
/// .ci/run publishes the app (<c>dotnet publish functions -c Release</c>) and points
/// <c>WALLETFLOW_FUNCTIONS_PUBLISH</c> at the output; without it the test reads the functions project's
/// build output, which the same SDK targets generate (publishing here would add minutes to every run).
/// </summary>
public sealed class FunctionsMetadataTests
{
    public const string PublishDirectoryVariable = "WALLETFLOW_FUNCTIONS_PUBLISH";

    private static readonly (string Name, string Trigger)[] Expected =
    [
        ("StartPayout", "httpTrigger"),
        ("GetPayout", "httpTrigger"),
        ("GetPayoutHistory", "httpTrigger"),
        ("ResolvePayout", "httpTrigger"),
        ("ProviderWebhook", "httpTrigger"),
        ("CreatePayIn", "httpTrigger"),
        ("CreateTransfer", "httpTrigger"),
        ("RunGates", "timerTrigger"),
        ("PayoutSaga", "orchestrationTrigger"),
        ("HoldPayoutActivity", "activityTrigger"),
        ("SubmitPayoutActivity", "activityTrigger"),
        ("QueryPayoutActivity", "activityTrigger"),
        ("SettlePayoutActivity", "activityTrigger"),
        ("ReleasePayoutActivity", "activityTrigger"),
        ("DeadLetterPayoutActivity", "activityTrigger"),
        ("StartReserveMaturity", "timerTrigger"),
        ("ReserveMaturityRun", "orchestrationTrigger"),
        ("FindDueReserveTranchesActivity", "activityTrigger"),
        ("ReleaseReserveTrancheActivity", "activityTrigger"),
        ("RequestCorrection", "httpTrigger"),
        ("DecideCorrection", "httpTrigger"),
        ("GetCorrection", "httpTrigger"),
        ("ListCorrections", "httpTrigger"),
        ("CorrectionWorkflow", "orchestrationTrigger"),
        ("ConcludeCorrectionActivity", "activityTrigger"),
        ("StartCutover", "httpTrigger"),
        ("GetCutover", "httpTrigger"),
        ("RollbackCutover", "httpTrigger"),
        ("CutoverWorkflow", "orchestrationTrigger"),
        ("CutoverRollbackWorkflow", "orchestrationTrigger"),
        ("FreezeLegacyActivity", "activityTrigger"),
        ("PostOpeningBalancesActivity", "activityTrigger"),
        ("ConfirmOpeningBalancesActivity", "activityTrigger"),
        ("RunCutoverGatesActivity", "activityTrigger"),
        ("ReconcileCutoverActivity", "activityTrigger"),
        ("GoLiveActivity", "activityTrigger"),
        ("FailCutoverActivity", "activityTrigger"),
        ("ReverseOpeningBalancesActivity", "activityTrigger"),
        ("FinishRollbackActivity", "activityTrigger"),
    ];

    [Fact]
    public void Functions_metadata_lists_every_trigger_with_its_type()
    {
        var directory = AppDirectory();
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "functions.metadata")))!.AsArray();

        var actual = metadata.Select(f => (
                Name: (string)f!["name"]!,
                Trigger: f["bindings"]!.AsArray().Select(b => (string)b!["type"]!).Single(t => t.EndsWith("Trigger", StringComparison.Ordinal))))
            .OrderBy(f => f.Name, StringComparer.Ordinal);

        Assert.Equal(Expected.OrderBy(f => f.Name, StringComparer.Ordinal), actual);
    }

    [Fact]
    public void Http_starts_and_queries_bind_the_durable_client()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppDirectory(), "functions.metadata")))!.AsArray();

        var withClient = metadata.Where(f => f!["bindings"]!.AsArray().Any(b => (string)b!["type"]! == "durableClient"))
            .Select(f => (string)f!["name"]!).Order(StringComparer.Ordinal);

        Assert.Equal(["DecideCorrection", "GetCutover", "GetPayout", "GetPayoutHistory", "ProviderWebhook", "RequestCorrection", "ResolvePayout", "RollbackCutover", "StartCutover", "StartPayout", "StartReserveMaturity"], withClient);
    }

    [Fact]
    public void The_reserve_maturity_timer_takes_its_schedule_from_the_app_setting()
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(AppDirectory(), "functions.metadata")))!.AsArray();

        var timer = metadata.Single(f => (string)f!["name"]! == "StartReserveMaturity")!["bindings"]!.AsArray()
            .Single(b => (string)b!["type"]! == "timerTrigger")!;

        Assert.Equal("%" + global::WalletFlow.Functions.ReserveMaturityFunctions.ScheduleSetting + "%", (string)timer["schedule"]!);
        Assert.Equal("%ReserveMaturitySchedule%", (string)timer["schedule"]!);
    }

    [Fact]
    public void Host_json_ships_with_the_app_and_configures_the_durable_task_hub()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppDirectory(), "host.json")))!;

        Assert.Equal("2.0", (string)host["version"]!);
        Assert.Equal("", (string)host["extensions"]!["http"]!["routePrefix"]!);
        var durable = host["extensions"]!["durableTask"]!;
        Assert.Equal("walletflow", (string)durable["hubName"]!);
        Assert.False((bool)durable["extendedSessionsEnabled"]!);
        Assert.True((int)durable["maxConcurrentActivityFunctions"]! > 0);
        Assert.True((int)durable["maxConcurrentOrchestratorFunctions"]! > 0);
        Assert.Equal("AzureStorage", (string)durable["storageProvider"]!["type"]!);
    }

    [Fact]
    public void The_app_ships_the_shared_api_library_and_not_the_host_executable()
    {
        // The deps file is rewritten on every build and publish, so unlike the folder's listing it
        // cannot show a walletflow.dll left behind by an earlier build.
        var deps = JsonNode.Parse(File.ReadAllText(Path.Combine(AppDirectory(), "WalletFlow.Functions.deps.json")))!;

        var assemblies = deps["targets"]!.AsObject().SelectMany(target => target.Value!.AsObject())
            .SelectMany(library => library.Value!["runtime"]?.AsObject().Select(asset => Path.GetFileName(asset.Key)) ?? [])
            .ToList();

        Assert.Contains("WalletFlow.Api.dll", assemblies);
        Assert.DoesNotContain(assemblies, a => a.Equals("walletflow.dll", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The publish output when .ci/run made one, else the newest build output of functions/.</summary>
    private static string AppDirectory()
    {
        if (Environment.GetEnvironmentVariable(PublishDirectoryVariable) is { Length: > 0 } published)
            return published;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WalletFlow.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        var builds = Directory.GetFiles(Path.Combine(root.FullName, "functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}publish{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        Assert.NotEmpty(builds);
        return Path.GetDirectoryName(builds[0])!;
    }
}
