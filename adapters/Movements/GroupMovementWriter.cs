using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Adapters.Movements;

/// <summary>
/// The movement writer on the embedded ledger: one movement, one PostgreSQL transaction — claim, plan,
/// ledger write, command, state, statements and outbox event commit together, once — and concurrent
/// movements share that transaction (group commit). Callers queue; up to <c>Movements:ConcurrentGroups</c>
/// groups are in flight, each on its own connection, each written by <see cref="MovementGroup"/> in a
/// handful of round trips whatever its size, its COMMIT in the last. Every movement is answered exactly
/// as if it had run alone: written, rejected with its own reason (nothing written for it), replayed,
/// conflicting. Nobody hears "written" before the COMMIT returned. A movement PostgreSQL refuses
/// aborts its group's transaction: the group is then sent again in halves until that movement is
/// alone, and fails alone. Once queued, a movement completes or not whatever its caller does; the
/// caller's cancellation only stops the wait.
/// </summary>
public sealed partial class GroupMovementWriter(
    NpgsqlDataSource dataSource, EmbeddedLedger ledger, EmbeddedLedgerPort port, ITemplateCatalog templates, TimeProvider time,
    IOptions<MovementsOptions> options, ILogger<GroupMovementWriter> logger) : IMovementWriter
{
    private readonly int _maxGroup = options.Value.MaxGroupSize;

    // Two by default: one group plans and runs its scripts while another waits for its COMMIT's WAL
    // flush. Groups lock their volumes in one order, so they queue rather than deadlock.
    private readonly int _maxWriters = options.Value.ConcurrentGroups;

    private readonly Lock _gate = new();
    private readonly Queue<QueuedMovement> _queue = new();
    private int _writers;
    private long _groups;
    private long _grouped;
    private long _splits;

    /// <summary>What the writer has done since it started: for metrics, and for tests that must know a group formed.</summary>
    public GroupWriterStatistics Statistics
    {
        get
        {
            lock (_gate)
                return new GroupWriterStatistics(_queue.Count, Interlocked.Read(ref _groups), Interlocked.Read(ref _grouped), Interlocked.Read(ref _splits));
        }
    }

    public async Task<Result<MovementReceipt>> WriteAsync(MovementCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await port.EnsureLedgerAsync(cancellationToken);
        var queued = new QueuedMovement(command);
        Enqueue([queued], first: false);
        return await queued.Answer.Task.WaitAsync(cancellationToken);
    }

    // At the back of the queue, or (movements a group could not take) at its front, in their order.
    private void Enqueue(IReadOnlyList<QueuedMovement> movements, bool first)
    {
        var start = false;
        lock (_gate)
        {
            if (first)
            {
                var rest = _queue.ToList();
                _queue.Clear();
                foreach (var movement in movements.Concat(rest))
                    _queue.Enqueue(movement);
            }
            else
            {
                foreach (var movement in movements)
                    _queue.Enqueue(movement);
            }
            if (_queue.Count > 0 && _writers < _maxWriters)
            {
                _writers++;
                start = true;
            }
        }
        if (start)
        {
            // The writer's loop serves every caller's movements, not the one whose call started it: it
            // must not carry that caller's trace (each group's span is parented by its own members).
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(DrainAsync);
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            QueuedMovement[] group;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writers--;
                    return;
                }
                group = new QueuedMovement[Math.Min(_queue.Count, _maxGroup)];
                for (var i = 0; i < group.Length; i++)
                    group[i] = _queue.Dequeue();
            }
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _grouped, group.Length > 1 ? group.Length : 0);
            var later = new List<QueuedMovement>();
            await WriteAsync(group, later);
            // Only now, with the group's transaction ended and its locks released, may they run again.
            if (later.Count > 0)
                Enqueue(later, first: true);
        }
    }

    /// <summary>Writes one group; every movement gets its answer, or goes to <paramref name="later"/>. Never throws.</summary>
    private async Task WriteAsync(IReadOnlyList<QueuedMovement> group, List<QueuedMovement> later)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var deferred = await new MovementGroup(dataSource, ledger, port.LedgerName, templates, time).WriteAsync(group);
                later.AddRange(deferred);
                return;
            }
            // Groups lock their volumes in one order, but a script that reads an account nobody
            // expected locks it later: a deadlock is rare, not impossible. The transaction rolled
            // back whole, so sending the group again is safe.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
            catch (PostgresException e) when (group.Count > 1)
            {
                LogSplit(group.Count, e.SqlState, e.MessageText);
                Interlocked.Increment(ref _splits);
                var half = group.Count / 2;
                var before = later.Count;
                await WriteAsync(group.Take(half).ToList(), later);
                // Movements of the first half wait for a later transaction: the second half waits behind them.
                if (later.Count > before)
                    later.AddRange(group.Skip(half));
                else
                    await WriteAsync(group.Skip(half).ToList(), later);
                return;
            }
#pragma warning disable CA1031 // the failure belongs to the movements of the group, each is told
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var movement in group)
                    movement.Answer.TrySetException(e);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL refused a group of {Count} movements ({SqlState}: {Message}); sending it again in halves")]
    private partial void LogSplit(int count, string sqlState, string message);
}
