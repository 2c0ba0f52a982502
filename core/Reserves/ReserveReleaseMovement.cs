using WalletFlow.Core.Accounts;
using WalletFlow.Core.Monetary;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Templates;

namespace WalletFlow.Core.Reserves;

/// <summary>
/// The one rule of a reserve release, whoever asks for it (a wallet's matured tranches at once, or one
/// tranche from the maturity timer): the tranches' sum moves from <c>wallets:{id}:reserve</c> to
/// <c>wallets:{id}:main</c> and each tranche is marked released by this command, in its transaction.
/// </summary>
internal static class ReserveReleaseMovement
{
    /// <summary>The movement releasing <paramref name="tranches"/> (locked, unreleased, matured, at least one) of <paramref name="walletId"/>.</summary>
    public static MovementPlan Plan(string walletId, Currency currency, IReadOnlyList<ReserveTranche> tranches)
    {
        if (tranches.Count == 0)
            throw new ArgumentException("A release moves at least one tranche.", nameof(tranches));
        var amount = Money.Zero(currency);
        foreach (var tranche in tranches)
            amount += tranche.Amount;
        var call = new TemplateCall(TemplateNames.ReserveRelease, new Dictionary<string, TemplateVar>
        {
            ["reserve"] = new TemplateVar.Account(AccountAddresses.WalletReserve(walletId)),
            ["wallet"] = new TemplateVar.Account(AccountAddresses.WalletMain(walletId)),
            ["amount"] = new TemplateVar.Monetary(amount),
        });
        var trancheIds = tranches.Select(t => t.TrancheId).ToList();
        return new MovementPlan(call, "wallet", walletId, "ReserveReleased")
        {
            StateChanges = [new StateChange.ReserveTranchesReleased(trancheIds)],
            Attributes = new Dictionary<string, string>
            {
                ["walletId"] = walletId,
                ["amount"] = amount.FormatAmount(),
                ["currency"] = currency.Code,
                ["tranches"] = string.Join(',', trancheIds),
            },
        };
    }
}
