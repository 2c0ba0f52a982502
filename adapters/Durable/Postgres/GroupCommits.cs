using System.Threading.Channels;
using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// The store's writes (episodes, activity results, starts, events) committed several to a transaction.
/// Each write is its own short transaction otherwise, and a payout makes a dozen of them: the store then
/// waits on PostgreSQL's WAL flush, one fsync after another. Writes that arrive while a group commits
/// form the next group, so an idle store still commits each one at once, and a busy one shares flushes.
/// A group that fails (one member's lease ran out, a deadlock, a lost connection) is run again one
/// write at a time, so each member gets its own answer and no member fails for another's; a write that
/// is a deadlock's victim on its own is run again too.
/// </summary>
internal sealed class GroupCommits : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly int _maxGroup;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _writers;

    public GroupCommits(NpgsqlDataSource dataSource, int writers, int maxGroup)
    {
        _dataSource = dataSource;
        _maxGroup = maxGroup;
        _writers = [.. Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync))];
    }

    /// <summary>Commits the statements in one transaction (perhaps with others' statements); throws what PostgreSQL answered this write.</summary>
    public Task CommitAsync(IReadOnlyList<SqlStatement> statements)
    {
        var pending = new Pending(statements, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommits), "The durable store is shut down.");
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stop.CancelAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        var group = new List<Pending>(_maxGroup);
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < _maxGroup && reader.TryRead(out var pending))
                group.Add(pending);
            if (group.Count == 0)
                continue;
            if (group.Count == 1)
            {
                await RunAloneAsync(group[0]);
                continue;
            }
            try
            {
                await ExecuteAsync(group.SelectMany(p => p.Statements));
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                foreach (var pending in group)
                    await RunAloneAsync(pending);
                continue;
            }
            foreach (var pending in group)
                pending.Done.TrySetResult();
        }
    }

    // A write alone can still be chosen as a deadlock's victim (two writers, the lease looks and their
    // renewals touch the same rows): it rolled back whole, so it is run again, a few times, before its
    // caller hears of it. A lease start or a client's start failed with 40P01 otherwise (a 500 in CI).
    private const int Attempts = 4;

    private async Task RunAloneAsync(Pending pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(pending.Statements);
                pending.Done.TrySetResult();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure && attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt));
            }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    // A batch without an explicit transaction is one implicit transaction: all of it commits, or none.
    private async Task ExecuteAsync(IEnumerable<SqlStatement> statements)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var statement in statements)
            batch.BatchCommands.Add(statement.ToCommand());
        await batch.ExecuteNonQueryAsync(_stop.Token);
    }

    private sealed record Pending(IReadOnlyList<SqlStatement> Statements, TaskCompletionSource Done);
}
