namespace WalletFlow.Core.Reserves;

/// <summary>Which tranches a maturity run should release.</summary>
/// <param name="AsOf">Matured at or before this time (UTC).</param>
/// <param name="Limit">At most this many, oldest maturity first.</param>
public sealed record DueReserveTranches(DateTime AsOf, int Limit);
