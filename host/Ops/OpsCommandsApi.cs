using Microsoft.AspNetCore.Mvc;
using WalletFlow.Api;
using WalletFlow.Core.Corrections;
using WalletFlow.Core.Flags;
using WalletFlow.Core.Gates;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;
using WalletFlow.Host.Api;
using WalletFlow.Host.Identity;
using WalletFlow.Host.Ops.Components;

namespace WalletFlow.Host.Ops;

/// <summary>
/// The console's commands: <c>GET /ops/commands/{slug}</c> renders the form with a new idempotency key,
/// <c>POST</c> to the same address binds it to the v1 body and calls the same use case v1 calls
/// (<see cref="MovementCalls"/> for money movements). No rule here: a handler binds, calls, shows.
/// The actor of a decision is the signed-in operator, never a form field.
/// </summary>
public static class OpsCommandsApi
{
    /// <summary>How long a command whose key is still being run by an earlier submit of the same form waits for its result.</summary>
    private static readonly TimeSpan InProgressWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan InProgressPoll = TimeSpan.FromMilliseconds(100);

    public static RouteGroupBuilder MapOpsCommands(this RouteGroupBuilder ops)
    {
        ops.MapGet("/commands", () => OpsResults.Page<CommandsPage>(new { })).WithName("Ops.Commands");
        ops.MapGet("/commands/{slug}", (string slug, HttpContext context) => OpsCommands.Find(slug) is { } command
                ? OpsResults.Page<CommandPage>(new { Form = OpsForm.New(command, context.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString()))) })
                : OpsResults.Error(StatusCodes.Status404NotFound, "No such command", $"There is no command '{slug}'."))
            .WithName("Ops.CommandForm");

        ops.MapMovement(OpsCommands.PayIn, MovementCalls.PayIn);
        ops.MapMovement(OpsCommands.Transfer, MovementCalls.Transfer);
        ops.MapMovement(OpsCommands.PlaceHold, MovementCalls.PlaceHold);
        ops.MapMovement(OpsCommands.SettleHold, MovementCalls.SettleHold);
        ops.MapMovement(OpsCommands.ReleaseHold, MovementCalls.ReleaseHold);
        ops.MapMovement(OpsCommands.ConvertFx, MovementCalls.ConvertFx);
        ops.MapMovement(OpsCommands.FundPool, MovementCalls.FundPool);
        ops.MapMovement(OpsCommands.TransferBetweenPools, MovementCalls.TransferBetweenPools);
        ops.MapMovement(OpsCommands.MintStablecoin, MovementCalls.MintStablecoin);
        ops.MapMovement(OpsCommands.BurnStablecoin, MovementCalls.BurnStablecoin);
        ops.MapMovement(OpsCommands.SettleCounterparty, MovementCalls.SettleCounterparty);
        ops.MapMovement(OpsCommands.ReleaseReserve, MovementCalls.ReleaseReserve);
        ops.MapMovement(OpsCommands.FundBank, MovementCalls.FundBank);

        ops.MapCommand(OpsCommands.OpenWallet, async ([FromForm] IFormCollection posted, OpenWallet open, WalletBalancesQuery balances, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.OpenWallet, posted);
            var bound = form.Bind<OpenWalletBody>();
            if (!bound.TryGetValue(out var body, out var rejected))
                return OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
            var opened = await open.RunAsync(body.ToRequest(), ct);
            if (!opened.TryGetValue(out var wallet, out rejected))
                return OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
            var card = OpsCard.Done(wallet.Created ? "Wallet opened" : "Wallet already open (the same form again)",
                    [Fact("wallet", wallet.Wallet.WalletId), Fact("owner", wallet.Wallet.OwnerId), Fact("currency", wallet.Wallet.Currency.Code)],
                    "/ops/wallets/" + wallet.Wallet.WalletId, "Open the wallet")
                with { Wallets = [new WalletWithBalances(wallet.Wallet, await balances.BalancesAsync(wallet.Wallet, ct))] };
            return OpsResults.Outcome(context, form, card);
        });

        ops.MapCommand(OpsCommands.StartPayout, async ([FromForm] IFormCollection posted, StartPayout start, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.StartPayout, posted);
            var started = await RunKeyedAsync(form, form.Bind<PayoutBody>(), (key, body, t) => start.RunAsync(body.ToRequest(key), t), ct);
            if (!started.TryGetValue(out var created, out var rejected))
                return OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
            var payout = created.Payout!;
            return OpsResults.Outcome(context, form, OpsCard.Done("Payout started", PayoutFacts(payout), "/ops/payouts/" + payout.PayoutId, "Follow its timeline"));
        });

        ops.MapCommand(OpsCommands.ResolvePayout, async ([FromForm] IFormCollection posted, ResolvePayout resolve, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.ResolvePayout, posted);
            return await AnswerAsync<PayoutResolutionBody, Payout>(context, form,
                body => resolve.RunAsync(form.Route("payoutId") ?? "", body.Outcome, body.Evidence, WalletFlowClaims.ActorOf(context.User), ct),
                (body, payout) => OpsCard.Done("Resolution accepted: the saga " + (body.Outcome == "settle" ? "settles" : "releases") + " the payout",
                    [.. PayoutFacts(payout), Fact("evidence", body.Evidence ?? "")], "/ops/payouts/" + payout.PayoutId, "Follow its timeline"));
        });

        ops.MapCommand(OpsCommands.RequestCorrection, async ([FromForm] IFormCollection posted, RequestCorrection request, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.RequestCorrection, posted);
            var actor = WalletFlowClaims.ActorOf(context.User);
            var requested = await RunKeyedAsync(form, form.Bind<CorrectionBody>(), (key, body, t) => request.RunAsync(body.ToRequest(key, actor), t), ct);
            return requested.TryGetValue(out var made, out var rejected)
                ? OpsResults.Outcome(context, form, OpsCard.Done("Correction requested: waiting for another operator's approval", CorrectionFacts(made.Correction),
                    "/ops/corrections", "Corrections"))
                : OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
        });

        ops.MapCommand(OpsCommands.DecideCorrection, async ([FromForm] IFormCollection posted, DecideCorrection decide, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.DecideCorrection, posted);
            return await AnswerAsync<CorrectionDecisionBody, Correction>(context, form,
                body => decide.RunAsync(form.Route("correctionId") ?? "", body.Decision, body.Comment, WalletFlowClaims.ActorOf(context.User), ct),
                (body, correction) => OpsCard.Done("Correction " + body.Decision + "d", CorrectionFacts(correction), "/ops/corrections", "Corrections"));
        });

        ops.MapCommand(OpsCommands.RunGates, async ([FromForm] IFormCollection posted, GateRunner gates, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.RunGates, posted);
            var run = await gates.RunAsync(WalletFlowClaims.ActorOf(context.User) ?? "ops", ct);
            return OpsResults.Outcome(context, form, OpsCard.Done(run.Passed ? "Every gate passed" : "A gate failed",
                [Fact("run", run.RunId.ToString()), .. run.Gates.Select(g => Fact(g.Gate, g.Passed ? "passed" : $"FAILED ({g.Details.Count} offender(s))"))],
                "/ops/gates", "Gates"));
        });

        ops.MapCommand(OpsCommands.AcknowledgeGates, async ([FromForm] IFormCollection posted, PayoutPause pause, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.AcknowledgeGates, posted);
            var acknowledged = await pause.AcknowledgeAsync(WalletFlowClaims.ActorOf(context.User), form.Value("reason"), ct);
            return acknowledged.TryGetValue(out var flag, out var rejected)
                ? OpsResults.Outcome(context, form, OpsCard.Done("Payouts may start again", FlagFacts(flag), "/ops/gates", "Gates"))
                : OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
        });

        ops.MapCommand(OpsCommands.SetFlag, async ([FromForm] IFormCollection posted, SetFeatureFlag set, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(OpsCommands.SetFlag, posted);
            var state = form.Value("enabled");
            var flagSet = state is "on" or "off"
                ? await set.RunAsync(form.Value("name"), state == "on", form.Value("reason"), WalletFlowClaims.ActorOf(context.User), ct)
                : InvalidRequest.For("enabled", "is on or off");
            return flagSet.TryGetValue(out var flag, out var rejected)
                ? OpsResults.Outcome(context, form, OpsCard.Done("Flag " + flag.Name + (flag.Enabled ? " is on" : " is off"), FlagFacts(flag), "/ops/flags", "Feature flags"))
                : OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
        });
        return ops;
    }

    /// <summary>A money movement's form: bind the v1 body, call the movement as v1 does, show the receipt and the balances now.</summary>
    private static void MapMovement<TUseCase, TBody>(this RouteGroupBuilder ops, OpsCommand command, RunMovement<TUseCase, TBody> run)
        where TUseCase : notnull
        where TBody : class
    {
        ops.MapCommand(command, async ([FromForm] IFormCollection posted, [FromServices] TUseCase useCase, PostedBalancesQuery balances, HttpContext context, CancellationToken ct) =>
        {
            var form = OpsForm.Posted(command, posted);
            var moved = await RunKeyedAsync(form, form.Bind<TBody>(), (key, body, t) => run(useCase, key, body, form.RouteValues(), t), ct);
            if (!moved.TryGetValue(out var receipt, out var rejected))
                return OpsResults.Outcome(context, form, OpsCard.Rejected(command, rejected));
            var response = MovementResponse.From(receipt);
            var card = new OpsCard(true, command.Title + " posted", null, null,
                [Fact("command", response.CommandId), Fact("operation", response.Operation), Fact("at", response.At), .. response.Attributes.Select(a => Fact(a.Key, a.Value))],
                [receipt.TransactionId], await balances.RunAsync(receipt.Postings, ct), [], "/ops/transactions/" + receipt.TransactionId, "The ledger transaction");
            return OpsResults.Outcome(context, form, card);
        });
    }

    /// <summary>An unkeyed decision's form: bind the v1 body, call the use case, show what it answered.</summary>
    private static async Task<IResult> AnswerAsync<TBody, T>(HttpContext context, OpsForm form, Func<TBody, Task<Result<T>>> call, Func<TBody, T, OpsCard> done)
        where TBody : class
    {
        if (!form.Bind<TBody>().TryGetValue(out var body, out var rejected))
            return OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
        var answered = await call(body);
        return answered.TryGetValue(out var value, out rejected)
            ? OpsResults.Outcome(context, form, done(body, value))
            : OpsResults.Outcome(context, form, OpsCard.Rejected(form.Command, rejected));
    }

    private static void MapCommand(this RouteGroupBuilder ops, OpsCommand command, Delegate handler) =>
        ops.MapPost("/commands/" + command.Slug, handler).RequireScope(command.Scope).WithName("Ops." + command.Slug);

    /// <summary>
    /// The form's key, then the call. A second submit of the same form while the first still runs finds
    /// its key in progress: it waits for the first to finish and shows what it answered (the replay),
    /// as a v1 client honouring <c>Retry-After</c> would.
    /// </summary>
    private static async Task<Result<T>> RunKeyedAsync<TBody, T>(OpsForm form, Result<TBody> bound, Func<IdempotencyKey, TBody, CancellationToken, Task<Result<T>>> call, CancellationToken ct)
    {
        if (!bound.TryGetValue(out var body, out var rejected))
            return Result.Failure<T>(rejected);
        if (!IdempotencyKey.Create(form.Key).TryGetValue(out var key, out rejected))
            return Result.Failure<T>(rejected);
        for (var attempt = 1; ; attempt++)
        {
            var result = await call(key, body, ct);
            if (result.Error is not IdempotencyInProgress || attempt * InProgressPoll >= InProgressWait)
                return result;
            await Task.Delay(InProgressPoll, ct);
        }
    }

    private static KeyValuePair<string, string> Fact(string name, string value) => KeyValuePair.Create(name, value);

    private static IEnumerable<KeyValuePair<string, string>> PayoutFacts(Payout payout) =>
    [
        Fact("payout", payout.PayoutId), Fact("status", payout.Status.ToString()), Fact("wallet", payout.WalletId),
        Fact("amount", OpsText.Money(payout.Amount)), Fact("fee", OpsText.Money(payout.Fee)), Fact("provider", payout.ProviderId),
    ];

    private static IEnumerable<KeyValuePair<string, string>> CorrectionFacts(Correction c) =>
    [
        Fact("correction", c.CorrectionId), Fact("status", c.Status.ToString()), Fact("kind", c.Kind.ToString()),
        Fact("requested by", c.RequestedBy), Fact("reason", c.Reason), Fact("evidence", c.Evidence),
        .. c.DecidedBy is null ? [] : new[] { Fact("decided by", c.DecidedBy) },
        .. c.LedgerTransactionId is null ? [] : new[] { Fact("ledger transaction", c.LedgerTransactionId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
    ];

    private static IEnumerable<KeyValuePair<string, string>> FlagFacts(FeatureFlag flag) =>
        [Fact("flag", flag.Name), Fact("state", flag.Enabled ? "on" : "off"), Fact("reason", flag.Reason ?? ""), Fact("by", flag.UpdatedBy ?? "")];
}
