using WalletFlow.Core.Gates;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// Accepts a payout and starts its saga (design.md §7). The payout row and the idempotency claim are
/// written first, so the saga sweeper can always re-drive a payout whose start was lost. The same
/// payout id again is the same saga: never a second hold.
/// </summary>
public sealed class StartPayout(IPayoutStore payouts, IWalletStore wallets, IPayoutSagas sagas, IPaymentProviderRegistry providers, PayoutPause pause, RequeryPolicy requery, TimeProvider time)
{
    /// <summary>The operation name payout claims are kept under.</summary>
    public const string Operation = "payout";

    /// <summary>The accepted payout (Created false for a repeat), or a rejection.</summary>
    public async Task<Result<CreatedPayout>> RunAsync(StartPayoutRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from currency in MovementInput.Currency(request.Currency, "currency")
            from payoutId in MovementInput.Id(request.PayoutId, "payoutId")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from providerId in MovementInput.Id(request.ProviderId, "providerId")
            from amount in MovementInput.PositiveAmount(request.Amount, currency, "amount")
            from fee in MovementInput.OptionalFee(request.Fee, currency, "fee")
            from name in MovementInput.Text(request.BeneficiaryName, "beneficiary.name", 140)
            from account in MovementInput.Text(request.BeneficiaryAccountNumber, "beneficiary.accountNumber", 64)
            from bank in MovementInput.Text(request.BeneficiaryBankCode, "beneficiary.bankCode", 32)
            select (currency, payoutId, walletId, providerId, amount, fee, beneficiary: new Beneficiary(name, account, bank));
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;
        // New payouts only: a payout already accepted runs on while paused (its repeat answers as before).
        if (await pause.CheckAsync(cancellationToken) is { } paused && await payouts.FindAsync(valid.payoutId, cancellationToken) is null)
            return paused;

        var provider = providers.ForPayout(valid.providerId, valid.currency);
        if (!provider.IsSuccess)
            return provider.Error with { Field = "providerId" };
        var wallet = await wallets.FindAsync(valid.walletId, cancellationToken);
        if (wallet is null)
            return new NotFound("wallet", valid.walletId) { Field = "walletId" };
        if (wallet.Currency != valid.currency)
            return new WalletCurrencyMismatch(wallet.WalletId, wallet.Currency, valid.currency) { Field = "currency" };

        var (_, hash) = MovementPipeline.Canonicalize(Operation, new
        {
            payoutId = valid.payoutId,
            walletId = valid.walletId,
            currency = valid.currency.Code,
            amount = valid.amount.MinorUnits,
            fee = valid.fee.MinorUnits,
            providerId = valid.providerId,
            beneficiary = valid.beneficiary,
        });
        var now = time.GetUtcNow();
        var payout = new Payout(valid.payoutId, valid.walletId, valid.amount, valid.fee, valid.providerId, valid.beneficiary,
            PayoutStatus.Requested, null, null, 0, now, now);
        var created = await payouts.CreateAsync(payout, request.Key, hash, cancellationToken);
        if (created.ConflictReason is not null)
            return new IdempotencyConflict(request.Key.Value, Operation) { Field = "payoutId" };

        // A repeat of a finished payout answers with its row and starts nothing: once its instance is
        // gone (purged, or lost with the in-memory backend) a new saga would call the provider again.
        if (!PayoutLifecycle.IsTerminal(created.Payout!.Status))
            await sagas.StartAsync(SagaInput(created.Payout, requery), cancellationToken);
        return created;
    }

    /// <summary>The saga's input for a stored payout (also what the sweeper re-drives with).</summary>
    public static PayoutSagaInput SagaInput(Payout payout, RequeryPolicy requery)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new PayoutSagaInput(payout.PayoutId, payout.WalletId, payout.Amount.Currency.Code, payout.Amount.MinorUnits,
            payout.Fee.MinorUnits, payout.ProviderId, payout.Beneficiary, requery);
    }
}
