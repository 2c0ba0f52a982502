using WalletFlow.Core.Accounts;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Migration;

/// <summary>
/// Migration opening balance (design.md §6): credit the wallet against <c>equity:migration</c> (no sign
/// rule on equity). At most one per wallet: a repeat under its key replays, under another key it is a
/// <see cref="StateConflict"/>.
/// </summary>
public sealed class PostOpeningBalance(MovementPipeline pipeline)
{
    /// <summary>Posts the opening balance, or rejects.</summary>
    public async Task<Result<MovementReceipt>> RunAsync(OpeningBalanceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input =
            from ccy in MovementInput.Currency(request.Currency, "currency")
            from walletId in MovementInput.Id(request.WalletId, "walletId")
            from amount in MovementInput.PositiveAmount(request.Amount, ccy, "amount")
            from legacyRef in request.LegacyRef is null ? Result.Success("") : MovementInput.Text(request.LegacyRef, "legacyRef", 128)
            select (ccy, walletId, amount, legacyRef);
        if (!input.TryGetValue(out var valid, out var rejected))
            return rejected;

        var canonical = new { walletId = valid.walletId, currency = valid.ccy.Code, amount = valid.amount.MinorUnits, legacyRef = valid.legacyRef };
        return await pipeline.RunAsync(TemplateNames.MigrationOpeningBalance, request.Key, canonical, async (transaction, ct) =>
        {
            var wallet = await WalletRules.RequireAsync(transaction, valid.walletId, valid.ccy, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            // One per wallet, whatever the key: a second one under another key would count the legacy balance twice.
            if (await transaction.LockOpeningBalanceAsync(valid.walletId, ct) is { } existing)
                return new StateConflict($"Wallet '{valid.walletId}' already has its opening balance (command {existing}); a cutover posts one per wallet.") { Field = "walletId" };
            var call = new TemplateCall(TemplateNames.MigrationOpeningBalance, new Dictionary<string, TemplateVar>
            {
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(valid.walletId)),
                ["amount"] = new TemplateVar.Monetary(valid.amount),
            });
            var attributes = new Dictionary<string, string>
            {
                ["walletId"] = valid.walletId,
                ["amount"] = valid.amount.FormatAmount(),
                ["currency"] = valid.ccy.Code,
            };
            if (valid.legacyRef.Length > 0)
                attributes["legacyRef"] = valid.legacyRef;
            return new MovementPlan(call, "wallet", valid.walletId, "OpeningBalancePosted") { Attributes = attributes };
        }, cancellationToken);
    }
}
