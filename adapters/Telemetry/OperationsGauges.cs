using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Adapters.Telemetry;

/// <summary>
/// What the database says now, for an operator paged at night (design.md §12), read when an exporter
/// collects (a /metrics scrape, an OTLP export), at most once every <see cref="MaxAge"/>:
/// <list type="bullet">
/// <item><c>walletflow.outbox.oldest_unpublished_age</c> — seconds since the oldest event not yet published was written (0 when none wait);</item>
/// <item><c>walletflow.payouts</c> — payouts standing in each status (every status, 0 included), so a stuck one shows where;</item>
/// <item><c>walletflow.gate.passing</c> — 1 or 0 per gate, the latest stored run's verdict, whichever process ran it.</item>
/// </list>
/// These are facts of the shared database: every process on it reports the same values. A hosted
/// service only so that both hosts create it at start; it runs nothing of its own.
/// </summary>
public sealed partial class OperationsGauges : IHostedService
{
    /// <summary>How long one read serves every collection (Prometheus and OTLP readers collect on their own schedules).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<OperationsGauges> _logger;
    private readonly Lock _gate = new();
    private Snapshot? _last;
    private long _readAt;

    public OperationsGauges(NpgsqlDataSource dataSource, IMeterFactory meters, ILogger<OperationsGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _dataSource = dataSource;
        _logger = logger;
        // From the container's meter factory: these read this process's database, and go when the container does.
        var meter = meters.Create(WalletFlowTelemetry.Name);
        meter.CreateObservableGauge("walletflow.outbox.oldest_unpublished_age", ObserveOutbox, "s",
            "Seconds since the oldest outbox event not yet published was written; 0 when none waits.");
        meter.CreateObservableGauge("walletflow.payouts", ObservePayouts, "{payout}",
            "Payouts standing in each status now (walletflow.status).");
        meter.CreateObservableGauge("walletflow.gate.passing", ObserveGates, "{gate}",
            "1 when the gate passed in the latest stored gate run, 0 when it failed (walletflow.gate).");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<double>> ObserveOutbox() =>
        Read() is { } now ? [new Measurement<double>(now.OldestUnpublishedAgeSeconds)] : [];

    private IEnumerable<Measurement<long>> ObservePayouts() =>
        Read() is { } now
            ? Enum.GetValues<PayoutStatus>().Select(status => new Measurement<long>(
                now.Payouts.GetValueOrDefault(status.ToString()), new KeyValuePair<string, object?>(WalletFlowTelemetry.Tags.Status, status.ToString())))
            : [];

    private IEnumerable<Measurement<long>> ObserveGates() =>
        Read() is { } now
            ? now.Gates.Select(g => new Measurement<long>(g.Value ? 1 : 0, new KeyValuePair<string, object?>(WalletFlowTelemetry.Tags.Gate, g.Key)))
            : [];

    // One round trip for all three; a database that does not answer leaves the gauges out of this collection
    // (a missing series, not a made-up value).
    private Snapshot? Read()
    {
        lock (_gate)
        {
            if (_last is not null && Stopwatch.GetElapsedTime(_readAt) < MaxAge)
                return _last;
            try
            {
                _last = Query();
                _readAt = Stopwatch.GetTimestamp();
                return _last;
            }
#pragma warning disable CA1031 // a failed read must not fail the exporter's whole collection
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogUnread(e);
                _last = null;
                return null;
            }
        }
    }

    private Snapshot Query()
    {
        using var connection = _dataSource.OpenConnection();
        using var batch = new NpgsqlBatch(connection)
        {
            Timeout = 5,
            BatchCommands =
            {
                // The partial index outbox_unpublished orders the waiting events.
                new NpgsqlBatchCommand("""
                    SELECT coalesce(extract(epoch FROM now() - (
                        SELECT created_at FROM walletflow.outbox WHERE published_at IS NULL ORDER BY outbox_id LIMIT 1)), 0)::float8
                    """),
                new NpgsqlBatchCommand("SELECT status, count(*) FROM walletflow.payouts GROUP BY status"),
                new NpgsqlBatchCommand("""
                    SELECT r.gate, r.passed FROM walletflow.gate_results r
                    WHERE r.run_id = (SELECT run_id FROM walletflow.gate_runs ORDER BY at DESC LIMIT 1)
                    """),
            },
        };
        using var reader = batch.ExecuteReader();
        reader.Read();
        var age = Math.Max(0, reader.GetDouble(0));
        reader.NextResult();
        var payouts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
            payouts[reader.GetString(0)] = reader.GetInt64(1);
        reader.NextResult();
        var gates = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (reader.Read())
            gates[reader.GetString(0)] = reader.GetBoolean(1);
        return new Snapshot(age, payouts, gates);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The operations gauges (outbox age, payouts by status, gate verdicts) could not be read; they are left out of this collection")]
    private partial void LogUnread(Exception exception);

    private sealed record Snapshot(double OldestUnpublishedAgeSeconds, IReadOnlyDictionary<string, long> Payouts, IReadOnlyDictionary<string, bool> Gates);
}
