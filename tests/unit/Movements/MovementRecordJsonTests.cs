using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Tests.Unit.Movements;

/// <summary>
/// The walletflow_record metadata a remote ledger's transaction carries: read back, it rebuilds exactly
/// the command record the writer would have written, for every kind of state change; a transaction
/// whose record is missing, unreadable or about another command is refused with the reason.
/// </summary>
public class MovementRecordJsonTests
{
    private static readonly Currency Ngn = Currency.NGN;
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 12, 3, 17, 50, 2, 123, TimeSpan.Zero).AddTicks(4567);

    // Every kind of state change, with the awkward values: a zero fee, a fraction of a microsecond, several tranches.
    private static readonly StateChange[] EveryChange =
    [
        new StateChange.HoldOpened("hold_1", "w_1", HoldKind.Payout, new Money(Ngn, 150_000), new Money(Ngn, 0)),
        new StateChange.HoldOpened("hold_2", "w_1", HoldKind.Generic, new Money(Currency.KWD, 1_234), new Money(Currency.KWD, 5)),
        new StateChange.HoldClosed("hold_0", HoldOutcome.Settled),
        new StateChange.HoldClosed("hold_9", HoldOutcome.Released),
        new StateChange.ReserveTrancheAdded("rsv_1", "w_1", new Money(Ngn, long.MaxValue), At.AddDays(30)),
        new StateChange.ReserveTranchesReleased(["rsv_a", "rsv_b"]),
        new StateChange.PayoutMoved("po_1", PayoutLifecycle.Transitions.Settled("Accepted ref=sbx-po_1", "sbx-po_1")),
        new StateChange.PayoutMoved("po_2", PayoutLifecycle.Transitions.Released(null, null)),
    ];

    [Fact]
    public void A_decision_read_back_from_its_ledger_transaction_records_exactly_what_the_writer_records()
    {
        var decision = Decision(EveryChange, new Dictionary<string, string> { ["walletId"] = "w_1", ["note"] = "Ọlá \"quoted\" 結算 <&>" });
        var request = MovementRecordJson.Attach(decision);
        var posted = Posted(request.Reference, request.Metadata);

        Assert.True(MovementRecordJson.TryRead(posted, out var movement, out var problem), problem);
        var rebuilt = MovementSteps.Record(movement, posted);
        var written = MovementSteps.Record(decision, posted);

        Assert.Equal(Text(written), Text(rebuilt));
        Assert.Equal(decision.Command.CanonicalRequest, movement.Command.CanonicalRequest);
        Assert.Equal(decision.Command.RequestHash, movement.Command.RequestHash);
        Assert.Equal(decision.Command.Key, movement.Command.Key);
        Assert.Equal(EveryChange.Select(Text), movement.StateChanges.Select(Text));
        // The ledger request is unchanged but for the record: same script, key, reference, other metadata.
        Assert.Equal(decision.Ledger with { Metadata = request.Metadata }, request);
        Assert.Equal(decision.Ledger.Metadata.Count + 1, request.Metadata.Count);
    }

    [Fact]
    public void Every_kind_of_state_change_has_a_stored_form()
    {
        var kinds = typeof(StateChange).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(StateChange))).Select(t => t.Name).Order();

        Assert.Equal(kinds, EveryChange.Select(c => c.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void A_transaction_without_a_record_or_with_an_unreadable_one_is_refused_with_the_reason()
    {
        var decision = Decision([], new Dictionary<string, string>());
        var metadata = new Dictionary<string, string>(decision.Ledger.Metadata);

        Assert.False(MovementRecordJson.TryRead(Posted(decision.Command.Reference, metadata), out _, out var missing));
        Assert.Contains(MovementSteps.RecordMetadata, missing, StringComparison.Ordinal);

        metadata[MovementSteps.RecordMetadata] = "{\"version\": 1, \"stateChanges\": [{\"type\": \"hold-teleported\"}]}";
        Assert.False(MovementRecordJson.TryRead(Posted(decision.Command.Reference, metadata), out _, out var unreadable));
        Assert.Contains("unreadable", unreadable, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_about_another_command_than_the_transaction_names_is_refused()
    {
        var decision = Decision([], new Dictionary<string, string>());
        var request = MovementRecordJson.Attach(decision);
        var otherCommand = new Dictionary<string, string>(request.Metadata) { [MovementSteps.CommandMetadata] = "cmd_someone_else" };

        Assert.False(MovementRecordJson.TryRead(Posted(request.Reference, otherCommand), out _, out var named));
        Assert.Contains("cmd_someone_else", named, StringComparison.Ordinal);
        Assert.False(MovementRecordJson.TryRead(Posted("payin:another-key", request.Metadata), out _, out var referenced));
        Assert.Contains("payin:another-key", referenced, StringComparison.Ordinal);
    }

    private static MovementDecision Decision(IReadOnlyList<StateChange> changes, IReadOnlyDictionary<string, string> attributes)
    {
        var key = IdempotencyKey.Create("key-" + Guid.NewGuid().ToString("N")).Value;
        var (json, hash) = MovementPipeline.Canonicalize(TemplateNames.HoldPlace, new { walletId = "w_1", amount = 150_000L, note = "Ọlá \"quoted\"" });
        var command = new MovementCommand(TemplateNames.HoldPlace, key, json, hash,
            (_, _) => Task.FromResult<Result<MovementPlan>>(new InvalidRequest("plan", "not run in this test")));
        var plan = new MovementPlan(new TemplateCall(TemplateNames.HoldPlace, new Dictionary<string, TemplateVar>()), "hold", "hold_1", "HoldPlaced")
        {
            StateChanges = changes,
            Attributes = attributes,
        };
        var metadata = new Dictionary<string, string>(attributes)
        {
            [MovementSteps.CommandMetadata] = command.CommandId,
            [MovementSteps.OperationMetadata] = command.Operation,
        };
        return new MovementDecision(command, plan,
            new LedgerRequest(new TemplateScript(TemplateNames.HoldPlace, "send [NGN/2 1] (source = @a destination = @b)", new Dictionary<string, string>()),
                key.Value, command.Reference, metadata));
    }

    private static LedgerTransaction Posted(string reference, IReadOnlyDictionary<string, string> metadata) =>
        new(42, At, reference,
            [new Posting(AccountAddresses.WalletMain("w_1"), AccountAddresses.WalletHold("w_1", "hold_1"), 150_000, "NGN/2")],
            metadata);

    private static string Text(StateChange change) => change switch
    {
        StateChange.ReserveTranchesReleased r => $"released {string.Join(",", r.TrancheIds)}",
        StateChange.ReserveTrancheAdded t => $"{t} maturing {t.MaturesAt:O}",
        _ => change.ToString(),
    };

    // A record as text, lists spelled out (records compare lists by reference).
    private static string Text(CommandRecord record)
    {
        var receipt = record.Receipt;
        return string.Join("\n",
            $"{receipt.CommandId} {receipt.Operation} {receipt.TransactionId} {receipt.At:O}",
            string.Join("|", receipt.Postings),
            string.Join("|", receipt.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal)),
            $"{record.Template} {record.Reference} {record.CanonicalRequest}",
            string.Join("|", record.StateChanges.Select(Text)),
            string.Join("|", record.Statements),
            record.Event.ToString());
    }
}
