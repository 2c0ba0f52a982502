using System.Diagnostics;
using Npgsql;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Adapters.Stores;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Adapters.Movements;

/// <summary>
/// One group of movements in one PostgreSQL transaction, the steps of <see cref="MovementSteps"/> in
/// order: claim every key (one round trip), plan each movement on the state it locks, run every
/// template on the locked balances (<see cref="EmbeddedLedger.StageScriptsAsync"/>: two round trips),
/// then write the ledger rows and every command's rows and COMMIT, in one round trip.
/// </summary>
internal sealed class MovementGroup(NpgsqlDataSource dataSource, EmbeddedLedger ledger, string ledgerName, ITemplateCatalog templates, TimeProvider time)
{
    /// <summary>
    /// Writes the group and answers its movements once committed; returns those that must run in a
    /// later transaction, in queue order: from the first movement with a key already in this group,
    /// or the first whose plan locks what an earlier member locked (locks do not separate members of
    /// one transaction), every movement after it too, so movements still run in the order they came.
    /// </summary>
    public async Task<IReadOnlyList<QueuedMovement>> WriteAsync(IReadOnlyList<QueuedMovement> group)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var distinct = group.TakeWhile(m => keys.Add(m.Command.Key.Value)).Count();
        var members = group.Take(distinct).ToList();
        var answers = new Result<MovementReceipt>?[members.Count];
        var failures = new Exception?[members.Count];
        var started = Stopwatch.GetTimestamp();
        using var span = LedgerTelemetry.Start(LedgerTelemetry.Embedded, [.. members.Select(m => m.Command.Caller)]);
        int planned;
        bool committed;
        try
        {
            (planned, committed) = await RunAsync(members, answers, failures);
        }
        catch (Exception)
        {
            LedgerTelemetry.Finish(span, started, LedgerTelemetry.Embedded, members.Count, WalletFlowTelemetry.Outcomes.Failed);
            throw;
        }
        for (var i = 0; i < planned; i++)
        {
            var answer = answers[i];
            LedgerTelemetry.Member(span, members.Count, members[i].Command.Operation,
                failures[i] is not null ? WalletFlowTelemetry.Outcomes.Failed
                    : members[i].Command.Replayed ? WalletFlowTelemetry.Outcomes.Replayed
                    : answer is { IsSuccess: true } ? WalletFlowTelemetry.Outcomes.Posted
                    : WalletFlowTelemetry.Outcomes.Rejected,
                answer is { IsSuccess: true } posted ? posted.Value.TransactionId : null, answer?.Error?.Code);
        }
        LedgerTelemetry.Finish(span, started, LedgerTelemetry.Embedded, members.Count, committed ? LedgerTelemetry.Committed : LedgerTelemetry.RolledBack);

        // Answered only now that the transaction has ended: its key locks are released, so a caller
        // that sends its next request at once is not told that this one is still in progress.
        for (var i = 0; i < planned; i++)
        {
            if (failures[i] is { } failure)
                members[i].Answer.TrySetException(failure);
            else if (answers[i] is { } answer)
                members[i].Answer.TrySetResult(answer);
        }
        return group.Skip(planned).ToList();
    }

    // Runs the first members, up to the first that must wait for a later transaction; returns how many ran
    // and whether a transaction committed.
    private async Task<(int Planned, bool Committed)> RunAsync(List<QueuedMovement> members, Result<MovementReceipt>?[] answers, Exception?[] failures)
    {
        var ct = CancellationToken.None;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claims = await PostgresIdempotencyClaims.ClaimAsync(connection, transaction,
            members.Select(m => (m.Command.Key.Value, m.Command.Operation, m.Command.RequestHash)).ToList(), ct);

        var decisions = new List<(int Member, MovementDecision Decision)>();
        var state = new PostgresCommandState(connection, transaction);
        var planned = members.Count;
        for (var i = 0; i < planned; i++)
        {
            var command = members[i].Command;
            if (MovementSteps.Answer(claims[i], command) is { } answered)
            {
                answers[i] = answered;
                continue;
            }
            state.Member = i;
            try
            {
                var decided = await MovementSteps.DecideAsync(command, state, templates, ct);
                if (decided.TryGetValue(out var decision, out var rejected))
                    decisions.Add((i, decision));
                else
                    answers[i] = rejected;
            }
            catch (LockedByAnotherMemberException)
            {
                planned = i;
            }
            // A plan's bug is that movement's failure; a database error has aborted the transaction
            // and belongs to the group (the writer sends it again in halves).
            catch (Exception e) when (e is not NpgsqlException)
            {
                failures[i] = e;
            }
        }

        if (decisions.Count == 0)
            return (planned, false); // replays and rejections only: nothing to write, the rollback ends it
        var staged = await ledger.StageScriptsAsync(connection, ledgerName, decisions.Select(d => new StagedScript(
            LedgerPort.ToCreateTransaction(d.Decision.Ledger), d.Decision.Ledger.IdempotencyKey)).ToList(), ct);
        var records = new List<(string Key, byte[] Hash, CommandRecord Record)>();
        for (var n = 0; n < decisions.Count; n++)
        {
            var (i, decision) = decisions[n];
            var posted = staged.Answers[n];
            if (!posted.Succeeded)
            {
                answers[i] = MovementSteps.Refused(LedgerPort.ToRejection(posted.Error), decision.Command);
                continue;
            }
            var record = MovementSteps.Record(decision, LedgerPort.ToCore(posted.Value));
            records.Add((decision.Command.Key.Value, decision.Command.RequestHash, record));
            answers[i] = record.Receipt;
        }

        if (records.Count > 0)
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            staged.AddTo(batch);
            CommandRecordWrites.AddTo(batch, records, time.GetUtcNow());
            // The COMMIT rides in the same round trip; if any statement fails, PostgreSQL skips the
            // rest, COMMIT included, and nobody has been told anything yet.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await batch.ExecuteNonQueryAsync(ct);
        }
        return (planned, records.Count > 0);
    }
}
