using System.Numerics;

namespace WalletFlow.Core.Gates;

/// <summary>A row of walletflow.statement_balances: the read model's balance of one wallet account.</summary>
/// <param name="Account">The wallet account.</param>
/// <param name="Asset">The ledger asset.</param>
/// <param name="WalletId">The wallet.</param>
/// <param name="Balance">Received − sent, as the read model has it.</param>
public sealed record StatementBalance(string Account, string Asset, string WalletId, BigInteger Balance);
