using System.Text.Json;
using System.Text.RegularExpressions;

namespace WalletFlow.Tests.Integration.Telemetry;

/// <summary>
/// Issue 21's acceptance: after a scripted run of movements and payouts (<see cref="TelemetryRun"/>), every
/// counter on /metrics has the exact value the script implies; every metric the Grafana dashboard queries
/// is exported; the logs are JSON when asked.
/// </summary>
public sealed partial class MetricsTests(TelemetryRun run) : IClassFixture<TelemetryRun>
{
    private PrometheusScrape Scrape => run.Scrape;

    [Fact]
    public void Movements_are_counted_by_operation_and_outcome_exactly()
    {
        (string Operation, string Outcome, double Count)[] expected =
        [
            ("pay-in", "posted", 1), ("pay-in", "replayed", 1), ("pay-in", "rejected", 1),
            ("transfer", "posted", 2), ("transfer", "rejected", 1),
            ("payout-hold", "posted", 3), ("payout-hold", "rejected", 1),
            ("payout-settle", "posted", 2), ("payout-release", "posted", 1),
        ];
        foreach (var (operation, outcome, count) in expected)
            Assert.Equal(count, Scrape.Value("walletflow_movements_total", ("walletflow_operation", operation), ("walletflow_outcome", outcome)));
        // Nothing else: the malformed transfer was refused before it became a movement, and nothing failed.
        Assert.Equal(expected.Length, Scrape.Samples("walletflow_movements_total").Count());
    }

    [Fact]
    public void Rejections_are_counted_by_operation_and_reason_exactly()
    {
        Assert.Equal(1, Scrape.Value("walletflow_rejections_total", ("walletflow_operation", "pay-in"), ("walletflow_reason", "idempotency_conflict")));
        Assert.Equal(1, Scrape.Value("walletflow_rejections_total", ("walletflow_operation", "transfer"), ("walletflow_reason", "insufficient_funds")));
        Assert.Equal(1, Scrape.Value("walletflow_rejections_total", ("walletflow_operation", "payout-hold"), ("walletflow_reason", "insufficient_funds")));
        Assert.Equal(3, Scrape.Samples("walletflow_rejections_total").Count());
    }

    [Fact]
    public void Payouts_stand_in_their_final_statuses_and_each_saga_step_is_measured_once_per_run()
    {
        Assert.Equal(2, Scrape.Value("walletflow_payouts", ("walletflow_status", "Settled")));
        Assert.Equal(1, Scrape.Value("walletflow_payouts", ("walletflow_status", "Released")));
        Assert.Equal(1, Scrape.Value("walletflow_payouts", ("walletflow_status", "Rejected")));
        foreach (var status in new[] { "Requested", "Held", "Submitting", "Submitted", "Pending", "Ambiguous", "ManualReview" })
            Assert.Equal(0, Scrape.Value("walletflow_payouts", ("walletflow_status", status)));

        (string Step, string Outcome, double Runs)[] steps =
        [
            ("hold", "passed", 3), ("hold", "rejected", 1),
            ("submit", "accepted", 1), ("submit", "rejected", 1), ("submit", "pending", 1),
            ("requery", "pending", 1), ("requery", "accepted", 1),
            ("settle", "passed", 2), ("release", "passed", 1),
        ];
        foreach (var (step, outcome, runs) in steps)
            Assert.Equal(runs, Scrape.Value("walletflow_payout_step_duration_seconds_count", ("walletflow_step", step), ("walletflow_outcome", outcome)));
        Assert.Equal(steps.Length, Scrape.Samples("walletflow_payout_step_duration_seconds_count").Count());
    }

    [Fact]
    public void Gate_verdicts_the_outbox_lag_the_ledger_writes_and_the_pools_are_reported()
    {
        foreach (var gate in new[] { "books-foot", "holds-match", "statements-match", "coa-coverage" })
        {
            Assert.Equal(2, Scrape.Value("walletflow_gate_results_total", ("walletflow_gate", gate), ("walletflow_outcome", "passed"))); // start-up + POST /v1/gates/run
            Assert.Equal(1, Scrape.Value("walletflow_gate_passing", ("walletflow_gate", gate)));
        }
        Assert.Equal(0, Scrape.Value("walletflow_outbox_oldest_unpublished_age_seconds"));

        // Every movement of the script went through the embedded ledger's group writer, in some grouping.
        Assert.Equal(13, Scrape.Value("walletflow_ledger_write_group_size_sum", ("walletflow_ledger", "embedded")));
        var writes = Scrape.Value("walletflow_ledger_write_group_size_count", ("walletflow_ledger", "embedded"));
        var committed = Scrape.Value("walletflow_ledger_write_duration_seconds_count", ("walletflow_ledger", "embedded"), ("walletflow_outcome", "committed"));
        var rolledBack = Scrape.Value("walletflow_ledger_write_duration_seconds_count", ("walletflow_ledger", "embedded"), ("walletflow_outcome", "rolled_back"));
        Assert.Equal(writes, committed + rolledBack);

        // The test database's connection string says Maximum Pool Size=20 (FreshDatabase): a connection string's own value wins.
        Assert.Equal(20, Scrape.Value("db_client_connection_max", ("db_client_connection_pool_name", "walletflow-ledger")));
        Assert.Equal(20, Scrape.Value("db_client_connection_max", ("db_client_connection_pool_name", "walletflow-commands")));
        Assert.Equal(16, Scrape.Value("db_client_connection_max", ("db_client_connection_pool_name", "walletflow-durable")));
        Assert.Contains(Scrape.Samples("db_client_connection_count"), s => s.Labels["db_client_connection_pool_name"] == "walletflow-ledger");
    }

    [Fact]
    public void Every_metric_the_dashboard_queries_is_exported()
    {
        var dashboard = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "grafana", "walletflow.json"));
        var expressions = JsonDocument.Parse(dashboard).RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.NotEmpty(expressions);
        // Label names are not metrics: drop the selectors' {…} and the by (…) / without (…) lists first.
        var used = expressions.Select(e => Grouping().Replace(Selector().Replace(e, ""), ""))
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("walletflow_movements_total", used);
        var missing = used.Where(name => !Scrape.Names.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"The dashboard queries metrics /metrics does not export: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Logging_Format_json_writes_one_json_object_per_line_with_the_trace_and_span_ids_of_its_request()
    {
        var entries = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        Assert.All(entries, e => Assert.True(e.TryGetProperty("Category", out _) && e.TryGetProperty("LogLevel", out _) && e.TryGetProperty("Message", out _)));
        Assert.Contains(entries, e => e.TryGetProperty("Scopes", out var scopes)
            && scopes.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out var t) && t.GetString()!.Length == 32
                && s.TryGetProperty("SpanId", out var span) && span.GetString()!.Length == 16));
    }

    // Names of the families walletflow, Npgsql, ASP.NET Core and HttpClient export, as PromQL writes them.
    [GeneratedRegex(@"\b(?:walletflow|db_client|http_server|http_client|kestrel|aspnetcore)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selector();

    [GeneratedRegex(@"\b(?:by|without)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WalletFlow.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("WalletFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
