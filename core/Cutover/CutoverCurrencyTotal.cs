using System.Numerics;

namespace WalletFlow.Core.Cutover;

/// <summary>One currency's total: wallets and their balances summed, in minor units.</summary>
/// <param name="Currency">The currency code.</param>
/// <param name="Wallets">How many wallets hold it.</param>
/// <param name="MinorUnits">The sum of their balances, in minor units of the currency.</param>
public sealed record CutoverCurrencyTotal(string Currency, int Wallets, BigInteger MinorUnits);
