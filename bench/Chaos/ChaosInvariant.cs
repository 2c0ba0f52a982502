namespace WalletFlow.Chaos;

/// <summary>One invariant checked at quiescence: how many rows or accounts break it, and the first few, named.</summary>
public sealed record ChaosInvariant(string Name, int Checked, int Violations, IReadOnlyList<string> Examples);
