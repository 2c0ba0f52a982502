using Npgsql;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Adapters.Stores;

/// <summary>
/// One command's transaction (READ COMMITTED). The idempotency key's advisory lock says "in flight" to
/// concurrent requests without making them wait; the claim row itself is inserted with
/// INSERT … ON CONFLICT and becomes visible only with the command's effects, at commit.
/// </summary>
public sealed class PostgresCommandTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, TimeProvider time) : ICommandTransaction
{
    private string? _claimedKey;

    public async Task<ClaimResult> ClaimAsync(IdempotencyKey key, string operation, byte[] requestHash, CancellationToken cancellationToken)
    {
        if (!await TryLockAsync("idempotency:" + key.Value, cancellationToken))
            return new ClaimResult.InProgress();

        await using (var insert = Command("""
            INSERT INTO walletflow.idempotency_claims (idempotency_key, operation, request_hash, status, result, claimed_at)
            VALUES ($1, $2, $3, 'in_flight', NULL, $4)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING 1
            """, key.Value, operation, requestHash, time.GetUtcNow()))
        {
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null)
            {
                _claimedKey = key.Value;
                return new ClaimResult.Claimed();
            }
        }

        await using var existing = Command("""
            SELECT operation, request_hash, status, result::text FROM walletflow.idempotency_claims WHERE idempotency_key = $1
            """, key.Value);
        await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            throw new InvalidOperationException($"Idempotency claim '{key.Value}' conflicted but cannot be read.");
        var claimedBy = reader.GetString(0);
        var sameRequest = claimedBy == operation && reader.GetFieldValue<byte[]>(1).AsSpan().SequenceEqual(requestHash);
        if (!sameRequest || reader.GetString(2) != "succeeded")
            return new ClaimResult.Conflicted(claimedBy);
        return new ClaimResult.Replayed(ReceiptJson.Read(reader.GetString(3)));
    }

    public async Task<Wallet?> FindWalletAsync(string walletId, CancellationToken cancellationToken)
    {
        await using var select = Command("""
            SELECT wallet_id, owner_id, currency, status, created_at FROM walletflow.wallets WHERE wallet_id = $1
            """, walletId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PostgresWalletStore.ReadWallet(reader) : null;
    }

    public async Task<string?> LockOpeningBalanceAsync(string walletId, CancellationToken cancellationToken)
    {
        await using (var lockWallet = Command("SELECT 1 FROM walletflow.wallets WHERE wallet_id = $1 FOR UPDATE", walletId))
            await lockWallet.ExecuteNonQueryAsync(cancellationToken);
        // Served by the unique partial index of migration 0010, which also makes a second one impossible.
        await using var select = Command("""
            SELECT command_id FROM walletflow.commands WHERE template = $2 AND request->>'walletId' = $1
            """, walletId, TemplateNames.MigrationOpeningBalance);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<Hold?> LockHoldAsync(string holdId, CancellationToken cancellationToken)
    {
        // The advisory lock comes first so two commands naming a hold that does not exist yet (two
        // placements with one hold id) also queue: the second then sees the first's row.
        await LockAsync("hold:" + holdId, cancellationToken);
        await using var select = Command("""
            SELECT hold_id, wallet_id, kind, currency, amount, fee, status FROM walletflow.holds WHERE hold_id = $1 FOR UPDATE
            """, holdId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null;
        var currency = Currency.Find(reader.GetString(3)).Value;
        return new Hold(reader.GetString(0), reader.GetString(1), ParseKind(reader.GetString(2)),
            new Money(currency, reader.GetInt64(4)), new Money(currency, reader.GetInt64(5)), reader.GetString(6) == "open");
    }

    public async Task<ReservePolicy?> FindReservePolicyAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var select = Command("SELECT owner_id, rate_bps, hold_days FROM walletflow.reserve_policies WHERE owner_id = $1", ownerId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReservePolicy(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2))
            : null;
    }

    public async Task<IReadOnlyList<ReserveTranche>> LockMaturedTranchesAsync(string walletId, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var select = Command("""
            SELECT tranche_id, wallet_id, currency, amount, matures_at FROM walletflow.reserve_tranches
            WHERE wallet_id = $1 AND released_by IS NULL AND matures_at <= $2
            ORDER BY matures_at, tranche_id
            FOR UPDATE
            """, walletId, asOf);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var tranches = new List<ReserveTranche>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tranches.Add(new ReserveTranche(reader.GetString(0), reader.GetString(1),
                new Money(Currency.Find(reader.GetString(2)).Value, reader.GetInt64(3)), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return tranches;
    }

    public async Task CommitAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var receipt = record.Receipt;
        if (_claimedKey is null)
            throw new InvalidOperationException("CommitAsync without a successful ClaimAsync.");
        var now = time.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(BatchCommand("""
            INSERT INTO walletflow.commands (command_id, idempotency_key, operation, template, ledger_tx_id, reference, request, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
            """, receipt.CommandId, _claimedKey, receipt.Operation, record.Template, receipt.TransactionId, record.Reference, record.CanonicalRequest, now));
        var expectedRows = new List<(int Index, int Rows, string What)>();
        foreach (var change in record.StateChanges)
        {
            var command = StateChangeCommand(change, receipt.CommandId, now, out var rows, out var what);
            if (rows is int expected)
                expectedRows.Add((batch.BatchCommands.Count, expected, what));
            batch.BatchCommands.Add(command);
        }
        // Statement rows are updated in address order so two commands crossing the same wallets cannot deadlock.
        foreach (var entry in record.Statements.OrderBy(e => e.Account.Value, StringComparer.Ordinal).ThenBy(e => e.Asset, StringComparer.Ordinal))
        {
            batch.BatchCommands.Add(BatchCommand("""
                WITH balance AS (
                    INSERT INTO walletflow.statement_balances AS b (account, asset, wallet_id, balance, updated_at)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (account, asset) DO UPDATE SET balance = b.balance + EXCLUDED.balance, updated_at = EXCLUDED.updated_at
                    RETURNING balance)
                INSERT INTO walletflow.statement_lines (wallet_id, account, asset, amount, balance_after, ledger_tx_id, command_id, operation, at)
                SELECT $3, $1, $2, $4, balance.balance, $6, $7, $8, $5 FROM balance
                """, entry.Account.Value, entry.Asset, entry.WalletId, (decimal)entry.Amount, now, receipt.TransactionId, receipt.CommandId, receipt.Operation));
        }
        var outbox = record.Event;
        batch.BatchCommands.Add(BatchCommand("""
            INSERT INTO walletflow.outbox (aggregate_type, aggregate_id, event_type, dedup_id, payload, created_at)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6)
            """, outbox.AggregateType, outbox.AggregateId, outbox.EventType, outbox.DeduplicationId, outbox.Payload, now));
        batch.BatchCommands.Add(BatchCommand("""
            UPDATE walletflow.idempotency_claims SET status = 'succeeded', result = $2::jsonb WHERE idempotency_key = $1
            """, _claimedKey, ReceiptJson.Write(receipt)));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        foreach (var (index, rows, what) in expectedRows)
        {
            if (batch.BatchCommands[index].RecordsAffected != rows)
                throw new InvalidOperationException($"Command {receipt.CommandId}: {what} changed {batch.BatchCommands[index].RecordsAffected} rows, expected {rows}.");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private static NpgsqlBatchCommand StateChangeCommand(StateChange change, string commandId, DateTimeOffset now, out int? expectedRows, out string what)
    {
        switch (change)
        {
            case StateChange.HoldOpened opened:
                expectedRows = 1;
                what = $"opening hold {opened.HoldId}";
                return BatchCommand("""
                    INSERT INTO walletflow.holds (hold_id, wallet_id, kind, currency, amount, fee, status, placed_by, created_at)
                    VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8)
                    """, opened.HoldId, opened.WalletId, KindText(opened.Kind), opened.Amount.Currency.Code, opened.Amount.MinorUnits, opened.Fee.MinorUnits, commandId, now);
            case StateChange.HoldClosed closed:
                expectedRows = 1;
                what = $"closing hold {closed.HoldId}";
                return BatchCommand("""
                    UPDATE walletflow.holds SET status = $2, closed_by = $3, closed_at = $4 WHERE hold_id = $1 AND status = 'open'
                    """, closed.HoldId, closed.Outcome == HoldOutcome.Settled ? "settled" : "released", commandId, now);
            case StateChange.ReserveTrancheAdded added:
                expectedRows = 1;
                what = $"adding reserve tranche {added.TrancheId}";
                return BatchCommand("""
                    INSERT INTO walletflow.reserve_tranches (tranche_id, wallet_id, currency, amount, matures_at, created_by)
                    VALUES ($1, $2, $3, $4, $5, $6)
                    """, added.TrancheId, added.WalletId, added.Amount.Currency.Code, added.Amount.MinorUnits, added.MaturesAt, commandId);
            case StateChange.ReserveTranchesReleased released:
                expectedRows = released.TrancheIds.Count;
                what = "releasing reserve tranches";
                return BatchCommand("""
                    UPDATE walletflow.reserve_tranches SET released_by = $2, released_at = $3 WHERE tranche_id = ANY($1) AND released_by IS NULL
                    """, released.TrancheIds.ToArray(), commandId, now);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown state change.");
        }
    }

    private static string KindText(HoldKind kind) => kind == HoldKind.Payout ? "payout" : "generic";

    private static HoldKind ParseKind(string text) => text == "payout" ? HoldKind.Payout : HoldKind.Generic;

    private async Task<bool> TryLockAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))", name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task LockAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, params object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        return command;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        return command;
    }
}
