using System.Numerics;
using WalletFlow.Core.Accounts;

namespace WalletFlow.Core.Ports;

/// <summary>One movement of a ledger transaction: <see cref="Amount"/> of <see cref="Asset"/> from source to destination.</summary>
/// <param name="Source">The account sent from (its balance goes down: debited).</param>
/// <param name="Destination">The account received into (credited).</param>
/// <param name="Amount">Minor units, never negative.</param>
/// <param name="Asset">The ledger asset, <c>CODE/SCALE</c>.</param>
public sealed record Posting(AccountAddress Source, AccountAddress Destination, BigInteger Amount, string Asset);
