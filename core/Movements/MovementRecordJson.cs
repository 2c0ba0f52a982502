using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>
/// A <see cref="RecordedMovement"/> as the one metadata value <see cref="MovementSteps.RecordMetadata"/>
/// on its ledger transaction. A remote ledger commits before walletflow's command transaction does; if
/// that second commit is lost, the transaction alone must say everything the command records, so the
/// orphan reconciler (<see cref="CompleteOrphanedMovements"/>) can write it without the client. Amounts
/// travel as strings and the canonical request as the exact text whose hash the claim keeps, so what
/// is read back is what the writer would have recorded.
/// </summary>
public static class MovementRecordJson
{
    private const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The decision's ledger request with its record added to the transaction's metadata.</summary>
    public static LedgerRequest Attach(MovementDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var metadata = new Dictionary<string, string>(decision.Ledger.Metadata)
        {
            [MovementSteps.RecordMetadata] = Write(RecordedMovement.From(decision)),
        };
        return decision.Ledger with { Metadata = metadata };
    }

    /// <summary>The record as JSON text.</summary>
    public static string Write(RecordedMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var command = movement.Command;
        return JsonSerializer.Serialize(new Stored(
            Version, command.Operation, command.Key.Value, Convert.ToBase64String(command.RequestHash), command.CanonicalRequest,
            movement.AggregateType, movement.AggregateId, movement.EventType,
            movement.StateChanges.Select(Store).ToList(), movement.Attributes), Json);
    }

    /// <summary>
    /// The movement recorded on <paramref name="transaction"/>, or why there is none that can be trusted:
    /// no record, an unreadable one, or one that names another command than the transaction's
    /// <see cref="MovementSteps.CommandMetadata"/> and reference do.
    /// </summary>
    public static bool TryRead(
        LedgerTransaction transaction, [NotNullWhen(true)] out RecordedMovement? movement, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        movement = null;
        if (!transaction.Metadata.TryGetValue(MovementSteps.RecordMetadata, out var text))
        {
            problem = $"it has no {MovementSteps.RecordMetadata} metadata (written before walletflow recorded movements on the ledger?)";
            return false;
        }
        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(text, Json) ?? throw new InvalidDataException("it is null");
            if (stored.Version != Version)
                throw new InvalidDataException($"version {stored.Version} is not {Version}");
            var key = IdempotencyKey.Create(stored.Key);
            if (!key.IsSuccess)
                throw new InvalidDataException($"its key is invalid: {key.Error.Message}");
            var command = new MovementCommand(Required(stored.Operation, "operation"), key.Value, Required(stored.Request, "request"),
                Convert.FromBase64String(Required(stored.RequestHash, "requestHash")), NotPlannedAgain);
            var recorded = new RecordedMovement(command, Required(stored.AggregateType, "aggregateType"), Required(stored.AggregateId, "aggregateId"),
                Required(stored.EventType, "eventType"), (stored.StateChanges ?? []).Select(Read).ToList(),
                stored.Attributes ?? new Dictionary<string, string>());
            problem = Mismatch(transaction, command);
            movement = problem is null ? recorded : null;
            return movement is not null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or OverflowException)
        {
            problem = $"its {MovementSteps.RecordMetadata} metadata is unreadable: {e.Message}";
            return false;
        }
    }

    // The record must describe the command the transaction was posted for.
    private static string? Mismatch(LedgerTransaction transaction, MovementCommand command)
    {
        if (transaction.Metadata.GetValueOrDefault(MovementSteps.CommandMetadata) != command.CommandId)
            return $"its record is for command {command.CommandId}, its {MovementSteps.CommandMetadata} metadata names '{transaction.Metadata.GetValueOrDefault(MovementSteps.CommandMetadata)}'";
        if (transaction.Metadata.GetValueOrDefault(MovementSteps.OperationMetadata) != command.Operation)
            return $"its record is for operation {command.Operation}, its {MovementSteps.OperationMetadata} metadata names '{transaction.Metadata.GetValueOrDefault(MovementSteps.OperationMetadata)}'";
        if (transaction.Reference != command.Reference)
            return $"its record is for reference {command.Reference}, the transaction's is '{transaction.Reference}'";
        return null;
    }

    private static Task<Result<MovementPlan>> NotPlannedAgain(ICommandState state, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A recorded movement was planned before it was posted; it is recorded, never planned again.");

    private static StoredChange Store(StateChange change) => change switch
    {
        StateChange.HoldOpened h => new StoredChange(HoldOpened, HoldId: h.HoldId, WalletId: h.WalletId, Kind: KindText(h.Kind),
            Currency: h.Amount.Currency.Code, Amount: Minor(h.Amount), Fee: Minor(h.Fee)),
        StateChange.HoldClosed h => new StoredChange(HoldClosed, HoldId: h.HoldId, Outcome: OutcomeText(h.Outcome)),
        StateChange.ReserveTrancheAdded t => new StoredChange(ReserveTrancheAdded, TrancheId: t.TrancheId, WalletId: t.WalletId,
            Currency: t.Amount.Currency.Code, Amount: Minor(t.Amount), MaturesAt: t.MaturesAt),
        StateChange.ReserveTranchesReleased r => new StoredChange(ReserveTranchesReleased, TrancheIds: r.TrancheIds),
        StateChange.PayoutMoved p => new StoredChange(PayoutMoved, PayoutId: p.PayoutId, Step: p.Transition.Step, Status: p.Transition.Status.ToString(),
            EventType: p.Transition.EventType, Detail: p.Transition.Detail, ProviderReference: p.Transition.ProviderReference),
        _ => throw new InvalidOperationException($"No stored form for state change {change.GetType().Name}."),
    };

    private static StateChange Read(StoredChange stored) => stored.Type switch
    {
        HoldOpened => new StateChange.HoldOpened(Required(stored.HoldId, "holdId"), Required(stored.WalletId, "walletId"),
            Required(stored.Kind, "kind") switch
            {
                "generic" => HoldKind.Generic,
                "payout" => HoldKind.Payout,
                var other => throw new InvalidDataException($"unknown hold kind '{other}'"),
            },
            MoneyOf(stored.Currency, stored.Amount), MoneyOf(stored.Currency, stored.Fee)),
        HoldClosed => new StateChange.HoldClosed(Required(stored.HoldId, "holdId"), Required(stored.Outcome, "outcome") switch
        {
            "settled" => HoldOutcome.Settled,
            "released" => HoldOutcome.Released,
            var other => throw new InvalidDataException($"unknown hold outcome '{other}'"),
        }),
        ReserveTrancheAdded => new StateChange.ReserveTrancheAdded(Required(stored.TrancheId, "trancheId"), Required(stored.WalletId, "walletId"),
            MoneyOf(stored.Currency, stored.Amount), stored.MaturesAt ?? throw new InvalidDataException("maturesAt is missing")),
        ReserveTranchesReleased => new StateChange.ReserveTranchesReleased(stored.TrancheIds ?? throw new InvalidDataException("trancheIds is missing")),
        PayoutMoved => new StateChange.PayoutMoved(Required(stored.PayoutId, "payoutId"), new Payouts.PayoutTransition(
            Required(stored.Step, "step"), Enum.Parse<Payouts.PayoutStatus>(Required(stored.Status, "status")), Required(stored.EventType, "eventType"),
            stored.Detail, stored.ProviderReference)),
        var other => throw new InvalidDataException($"unknown state change '{other}'"),
    };

    private const string HoldOpened = "hold-opened";
    private const string HoldClosed = "hold-closed";
    private const string ReserveTrancheAdded = "reserve-tranche-added";
    private const string ReserveTranchesReleased = "reserve-tranches-released";
    private const string PayoutMoved = "payout-moved";

    private static string KindText(HoldKind kind) => kind switch
    {
        HoldKind.Generic => "generic",
        HoldKind.Payout => "payout",
        _ => throw new InvalidOperationException($"No stored form for hold kind {kind}."),
    };

    private static string OutcomeText(HoldOutcome outcome) => outcome switch
    {
        HoldOutcome.Settled => "settled",
        HoldOutcome.Released => "released",
        _ => throw new InvalidOperationException($"No stored form for hold outcome {outcome}."),
    };

    private static string Minor(Money money) => money.MinorUnits.ToString(CultureInfo.InvariantCulture);

    private static Money MoneyOf(string? code, string? minorUnits)
    {
        var currency = Currency.Find(Required(code, "currency"));
        if (!currency.IsSuccess)
            throw new InvalidDataException(currency.Error.Message);
        return new Money(currency.Value, long.Parse(Required(minorUnits, "amount"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrEmpty(value) ? throw new InvalidDataException($"{name} is missing") : value;

    private sealed record Stored(
        int Version,
        string? Operation,
        string? Key,
        string? RequestHash,
        string? Request,
        string? AggregateType,
        string? AggregateId,
        string? EventType,
        IReadOnlyList<StoredChange>? StateChanges,
        IReadOnlyDictionary<string, string>? Attributes);

    private sealed record StoredChange(
        string Type,
        string? HoldId = null,
        string? TrancheId = null,
        string? WalletId = null,
        string? Kind = null,
        string? Currency = null,
        string? Amount = null,
        string? Fee = null,
        string? Outcome = null,
        DateTimeOffset? MaturesAt = null,
        IReadOnlyList<string>? TrancheIds = null,
        string? PayoutId = null,
        string? Step = null,
        string? Status = null,
        string? EventType = null,
        string? Detail = null,
        string? ProviderReference = null);
}
