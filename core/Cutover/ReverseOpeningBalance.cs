using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;
using WalletFlow.Core.Templates;
using WalletFlow.Core.Wallets;

namespace WalletFlow.Core.Cutover;

/// <summary>
/// Reverses one wallet's opening balance of a cutover: the same amount debited from the wallet, through
/// <c>suspense:corrections</c> with the correction template (design.md §7: a reversal goes through the
/// corrections suspense), the reason naming the cutover. Only an opening balance this cutover posted is
/// reversed (<see cref="NothingToReverse"/> otherwise); the key <see cref="CutoverKeys.Reversal"/> makes a
/// repeated rollback replay, and the ledger refuses it when the wallet has spent the money since.
/// </summary>
public sealed class ReverseOpeningBalance(MovementPipeline pipeline)
{
    /// <summary>Posts the reversal, replays it, or rejects it.</summary>
    public Task<Result<MovementReceipt>> RunAsync(string cutoverId, CutoverRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var reason = $"cutover {cutoverId} rolled back: opening balance of line {row.Line} reversed";
        var canonical = new
        {
            walletId = row.WalletId,
            currency = row.Balance.Currency.Code,
            credit = 0L,
            debit = row.Balance.MinorUnits,
            reason,
        };
        var opening = MovementPipeline.CommandId(CutoverKeys.Opening(cutoverId, row.WalletId));
        return pipeline.RunAsync(TemplateNames.Correction, CutoverKeys.Reversal(cutoverId, row.WalletId), canonical, async (transaction, ct) =>
        {
            // First, whether this cutover credited the wallet at all: one it never credited (never opened,
            // or someone else's in another currency) is none of the rollback's business.
            if (await transaction.LockOpeningBalanceAsync(row.WalletId, ct) != opening)
                return new NothingToReverse(row.WalletId, cutoverId);
            var wallet = await WalletRules.RequireAsync(transaction, row.WalletId, row.Balance.Currency, "walletId", ct);
            if (!wallet.IsSuccess)
                return wallet.Error;
            var call = new TemplateCall(TemplateNames.Correction, new Dictionary<string, TemplateVar>
            {
                ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(row.WalletId)),
                ["credit"] = new TemplateVar.Monetary(Money.Zero(row.Balance.Currency)),
                ["debit"] = new TemplateVar.Monetary(row.Balance),
                ["reason"] = new TemplateVar.Text(reason),
            });
            return new MovementPlan(call, "wallet", row.WalletId, "OpeningBalanceReversed")
            {
                Attributes = new Dictionary<string, string>
                {
                    ["walletId"] = row.WalletId,
                    ["debit"] = row.Balance.FormatAmount(),
                    ["currency"] = row.Balance.Currency.Code,
                    ["reason"] = reason,
                    ["cutoverId"] = cutoverId,
                },
            };
        }, cancellationToken);
    }
}
