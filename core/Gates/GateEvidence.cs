using WalletFlow.Core.Coa;

namespace WalletFlow.Core.Gates;

/// <summary>What the gates check, read once per run: the ledger's balances, the chart, and walletflow's own records.</summary>
/// <param name="Balances">Every ledger balance.</param>
/// <param name="Chart">The current chart of accounts.</param>
/// <param name="Holds">Every row of walletflow.holds.</param>
/// <param name="Statements">Every row of walletflow.statement_balances.</param>
public sealed record GateEvidence(
    IReadOnlyList<AccountBalance> Balances,
    ChartOfAccounts Chart,
    IReadOnlyList<HoldRecord> Holds,
    IReadOnlyList<StatementBalance> Statements);
