namespace WalletFlow.Core.Accounts;

/// <summary>
/// The "may go negative" column of design.md §3. Templates give an overdraft clause only to kinds
/// that may go negative, so the ledger itself rejects a wallet overdraft.
/// </summary>
public static class AccountKindRules
{
    /// <summary>True when templates may let this kind of account go below zero.</summary>
    public static bool MayGoNegative(AccountKind kind) => kind switch
    {
        AccountKind.WalletMain or AccountKind.WalletHold or AccountKind.WalletReserve => false,
        AccountKind.FeeRevenue or AccountKind.FxSpreadRevenue or AccountKind.FxRoundingRevenue => false,
        AccountKind.MigrationEquity or AccountKind.FundingEquity => true, // "no rule": equity is the counterpart of debit-normal cash
        _ => true,
    };
}
