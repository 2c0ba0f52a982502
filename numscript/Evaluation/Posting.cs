using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>One movement of <see cref="Amount"/> units of <see cref="Asset"/>; never zero.</summary>
public sealed record Posting(string Source, string Destination, BigInteger Amount, string Asset);
