using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WalletFlow.Core.Identity;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Identity;

/// <summary>
/// identity.audit, written in batches: a request hands its entry over and goes on; one loop writes
/// whatever has gathered in one INSERT (one commit for many requests, so auditing every movement does
/// not double the commits a movement costs). Stopping writes what is left. A process killed outright
/// loses at most the entries of the last batch interval; the movement itself is in the command table.
/// </summary>
public sealed partial class PostgresAuditLog(NpgsqlDataSource dataSource, ILogger<PostgresAuditLog> logger) : BackgroundService, IAuditLog
{
    private const int MaxBatch = 500;
    private const int Capacity = 100_000;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Channel<AuditEntry> _entries = Channel.CreateBounded<AuditEntry>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    private long _dropped;

    public void Record(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_entries.Writer.TryWrite(entry))
            Interlocked.Increment(ref _dropped);
    }

    /// <summary>Writes everything recorded so far (tests read the table right after).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<AuditEntry>();
        while (_entries.Reader.TryRead(out var entry))
            batch.Add(entry);
        if (batch.Count > 0)
            await WriteAsync(batch, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(int limit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            SELECT at, actor, actor_kind, method, path, endpoint, idempotency_key, status, outcome, trace_id
            FROM identity.audit ORDER BY id DESC LIMIT $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(reader.GetFieldValue<DateTimeOffset>(0), Text(reader, 1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), Text(reader, 5), Text(reader, 6), reader.GetInt32(7), reader.GetString(8), Text(reader, 9)));
        }
        return entries;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        try
        {
            while (await _entries.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Interval, stoppingToken);
                while (batch.Count < MaxBatch && _entries.Reader.TryRead(out var entry))
                    batch.Add(entry);
                await TryWriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Stopping: what is left is written before the process goes.
        while (_entries.Reader.TryRead(out var entry))
            batch.Add(entry);
        await TryWriteAsync(batch, CancellationToken.None);
    }

    private async Task TryWriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
            return;
        try
        {
            await WriteAsync(batch, ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            LogWriteFailed(logger, batch.Count, e);
        }
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
            LogDropped(logger, dropped);
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO identity.audit (at, actor, actor_kind, method, path, endpoint, idempotency_key, status, outcome, trace_id)
            SELECT * FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::text[], $10::text[])
            """);
        Add(command, batch.Select(e => e.At).ToArray());
        Add(command, batch.Select(e => Storable(e.Actor)).ToArray());
        Add(command, batch.Select(e => e.ActorKind).ToArray());
        Add(command, batch.Select(e => Storable(e.Method)).ToArray());
        Add(command, batch.Select(e => Storable(e.Path)).ToArray());
        Add(command, batch.Select(e => e.Endpoint).ToArray());
        Add(command, batch.Select(e => Storable(e.IdempotencyKey)).ToArray());
        Add(command, batch.Select(e => e.Status).ToArray());
        Add(command, batch.Select(e => e.Outcome).ToArray());
        Add(command, batch.Select(e => e.TraceId).ToArray());
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Add<T>(NpgsqlCommand command, T[] values) => command.Parameters.Add(new NpgsqlParameter { Value = values });

    // What a hostile request sent (a path, a header) is recorded as far as PostgreSQL can store it: no NUL,
    // no unpaired surrogate, and bounded.
    private static string? Storable(string? text)
    {
        if (text is null)
            return null;
        var clean = string.Create(Math.Min(text.Length, 512), text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c;
            }
        });
        return clean;
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} audit entries failed; they are lost")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} audit entries were dropped: the audit buffer was full (the database is too slow or down)")]
    private static partial void LogDropped(ILogger logger, long count);
}
