using System.Numerics;
using WalletFlow.Core.Accounts;

namespace WalletFlow.Core.Coa;

/// <summary>One account's ledger balance (received − sent) in one asset.</summary>
/// <param name="Address">The account.</param>
/// <param name="Asset">The ledger asset, <c>CODE/SCALE</c>.</param>
/// <param name="Balance">Received − sent, in minor units.</param>
public sealed record AccountBalance(AccountAddress Address, string Asset, BigInteger Balance);
