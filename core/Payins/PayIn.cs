using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Payins;

/// <summary>
/// Pay-in (design.md §6): the principal is credited to the wallet from its bank or pool; the fee goes
/// to fee revenue; when the wallet's owner keeps a rolling reserve, that share of the principal goes
/// to the wallet's reserve as a tranche that matures after the policy's days.
/// </summary>
public sealed class PayIn(MovementPipeline pipeline, TimeProvider time)
{
    /// <summary>Receives the pay-in.</summary>
    public Task<Result<MovementReceipt>> RunAsync(PayInRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var currency = MovementInput.Currency(request.Currency, "currency");
        if (!currency.TryGetValue(out var ccy, out var rejected))
            return Task.FromResult<Result<MovementReceipt>>(rejected);
        var input =
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            from fee in MovementInput.OptionalFee(request.Fee, ccy, "fee")
            from source in Source(request.Source, ccy)
            from externalRef in MovementInput.Text(request.ExternalRef, "externalRef", 128)
            select (walletId, amount, fee, source, externalRef);
        if (!input.TryGetValue(out var valid, out rejected))
            return Task.FromResult<Result<MovementReceipt>>(rejected);
        if (valid.fee > valid.amount)
            return Task.FromResult<Result<MovementReceipt>>(new InvalidAmount(request.Fee!, "the fee is larger than the pay-in") { Field = "fee" });

        var canonical = new
        {
            walletId = valid.walletId,
            currency = ccy.Code,
            amount = valid.amount.MinorUnits,
            fee = valid.fee.MinorUnits,
            source = valid.source.Value,
            externalRef = valid.externalRef,
        };
        return pipeline.RunAsync(TemplateNames.PayIn, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, ccy, "walletId", ct);
            if (!wallet.TryGetValue(out var credited, out var refused))
                return refused;
            var policy = await transaction.FindReservePolicyAsync(credited.OwnerId, ct);
            var reserved = Money.Zero(ccy);
            var changes = new List<StateChange>();
            if (policy is { RateBasisPoints: > 0 })
            {
                // Rounded down: the reserve never takes more than the policy says.
                reserved = new Money(ccy, valid.amount.MinorUnits * policy.RateBasisPoints / 10_000);
                if (reserved + valid.fee > valid.amount)
                    reserved = valid.amount - valid.fee;
                if (reserved.IsPositive)
                {
                    changes.Add(new StateChange.ReserveTrancheAdded(
                        "rsv_" + MovementPipeline.CommandId(request.Key)[4..], credited.WalletId, reserved,
                        time.GetUtcNow().AddDays(policy.HoldDays)));
                }
            }
            var call = new TemplateCall(TemplateNames.PayIn, new Dictionary<string, TemplateVar>
            {
                ["source"] = new TemplateVar.Account(valid.source),
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(credited.WalletId)),
                ["reserve"] = new TemplateVar.Account(AccountAddresses.WalletReserve(credited.WalletId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
                ["fee"] = new TemplateVar.Monetary(valid.fee),
                ["reserve_amount"] = new TemplateVar.Monetary(reserved),
            });
            return new MovementPlan(call, "wallet", credited.WalletId, "PayInReceived")
            {
                StateChanges = changes,
                Attributes = new Dictionary<string, string>
                {
                    ["walletId"] = credited.WalletId,
                    ["externalRef"] = valid.externalRef,
                    ["reserved"] = reserved.FormatAmount(),
                },
            };
        }, cancellationToken);
    }

    private static Result<AccountAddress> Source(string? source, Currency currency)
    {
        const string field = "source";
        var parts = source?.Split(':') ?? [];
        if (parts.Length != 2 || !AccountAddress.IsValidSegment(parts[1]) || parts[1].Length > 64)
            return InvalidRequest.For(field, "Expected banks:{bankId} or pools:{providerId}.");
        return parts[0] switch
        {
            AddressSegments.Banks => AccountAddresses.Bank(parts[1], currency),
            AddressSegments.Pools => AccountAddresses.Pool(parts[1], currency),
            _ => InvalidRequest.For(field, "Expected banks:{bankId} or pools:{providerId}."),
        };
    }
}
