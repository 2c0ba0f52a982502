using System.Globalization;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Holds;

/// <summary>
/// Settle a generic hold (design.md §6): the whole held amount goes from the hold to
/// <c>counterparties:{id}</c> and the hold closes as settled. One movement posts one template, so a
/// partial settle (which would have to release the rest in a second template) is refused: settle
/// all of it, or release the hold and place a new one for the part to pay.
/// </summary>
public sealed class SettleHold(MovementPipeline pipeline)
{
    /// <summary>Pays the hold, or rejects (unknown hold: not found; closed or payout hold: state conflict).</summary>
    public async Task<Result<MovementReceipt>> RunAsync(SettleHoldRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from holdId in MovementInput.Id(request.HoldId, "holdId")
            from counterpartyId in MovementInput.Id(request.CounterpartyId, "counterpartyId")
            select (holdId, counterpartyId);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        if (request.Amount is { Length: 0 })
            return InvalidRequest.For("amount", "Leave the amount out to settle the whole hold, or give the held amount.");

        // The amount's currency is the hold's, known only under lock: it is checked there. It is claimed
        // as a number ("250" and "250.00" are one request), or as given when it is not one (then rejected).
        var amountText = request.Amount is not null && decimal.TryParse(request.Amount, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var asked)
            ? asked.ToString("0.############################", CultureInfo.InvariantCulture)
            : request.Amount;
        var canonical = new { holdId = valid.holdId, counterpartyId = valid.counterpartyId, amount = amountText };
        return await pipeline.RunAsync(TemplateNames.HoldSettle, request.Key, canonical, async (transaction, ct) =>
        {
            var open = HoldRules.RequireOpen(await transaction.LockHoldAsync(valid.holdId, ct), valid.holdId, HoldKind.Generic, "holdId");
            if (!open.TryGetValue(out var hold, out var refused))
                return refused;
            if (request.Amount is not null)
            {
                var given = Money.Parse(request.Amount, hold.Amount.Currency);
                if (!given.IsSuccess)
                    return given.Error with { Field = "amount" };
                if (given.Value != hold.Amount)
                    return InvalidRequest.For("amount", $"Hold '{hold.HoldId}' holds {hold.Amount} and settles in full; release it and place a new hold to pay part.");
            }
            var call = new TemplateCall(TemplateNames.HoldSettle, new Dictionary<string, TemplateVar>
            {
                ["hold"] = new TemplateVar.Account(AccountAddresses.WalletHold(hold.WalletId, hold.HoldId)),
                ["counterparty"] = new TemplateVar.Account(AccountAddresses.Counterparty(valid.counterpartyId)),
                ["amount"] = new TemplateVar.Monetary(hold.Amount),
            });
            return new MovementPlan(call, "hold", hold.HoldId, "HoldSettled")
            {
                StateChanges = [new StateChange.HoldClosed(hold.HoldId, HoldOutcome.Settled)],
                Attributes = new Dictionary<string, string>
                {
                    ["holdId"] = hold.HoldId,
                    ["walletId"] = hold.WalletId,
                    ["counterpartyId"] = valid.counterpartyId,
                    ["amount"] = hold.Amount.FormatAmount(),
                    ["currency"] = hold.Amount.Currency.Code,
                },
            };
        }, cancellationToken);
    }
}
