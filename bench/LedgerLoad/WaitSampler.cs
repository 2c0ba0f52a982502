using Npgsql;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>
/// A poor man's profile of the server side of a phase: every 10 ms, what each client backend of one
/// database is doing (pg_stat_activity state and wait event; for lock waits, which statement waits).
/// "idle in transaction / ClientRead" is a backend holding its locks while it waits for the client.
/// </summary>
internal sealed class WaitSampler : IAsyncDisposable
{
    private readonly Dictionary<string, long> _counts = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _samples;

    private WaitSampler(string connectionString, string database) => _loop = Task.Run(() => LoopAsync(connectionString, database));

    public static WaitSampler Start(BenchCluster cluster, string database) => new(cluster.ConnectionString("postgres", 2), database);

    private async Task LoopAsync(string connectionString, string database)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT state || ' / ' || CASE
                WHEN wait_event_type = 'Lock' THEN 'Lock:' || wait_event || ' on ' || left(regexp_replace(query, '\s+', ' ', 'g'), 48)
                WHEN wait_event IS NULL THEN 'CPU'
                ELSE wait_event_type || ':' || wait_event END
            FROM pg_stat_activity
            WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()
            """, connection);
        command.Parameters.AddWithValue(database);
        await command.PrepareAsync();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await using (var reader = await command.ExecuteReaderAsync(_stop.Token))
                {
                    lock (_counts)
                    {
                        while (reader.Read())
                        {
                            var key = reader.IsDBNull(0) ? "?" : reader.GetString(0);
                            _counts[key] = _counts.GetValueOrDefault(key) + 1;
                        }
                        _samples++;
                    }
                }
                await Task.Delay(10, _stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops sampling; returns (what, average number of backends in that state) best first.</summary>
    public async Task<IReadOnlyList<(string What, double Backends)>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_counts)
        {
            var samples = Math.Max(1, _samples);
            return _counts.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, (double)kv.Value / samples)).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }
}
