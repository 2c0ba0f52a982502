namespace WalletFlow.Core.Reserves;

/// <summary>What a maturity run did.</summary>
/// <param name="Due">Tranches found due (at most the batch size).</param>
/// <param name="Released">Released by this run.</param>
/// <param name="AlreadyReleased">Released before this run's step reached them (by hand, or by another run).</param>
/// <param name="Refused">Refused by the release (a frozen wallet…): they stay in the reserve; <see cref="Refusals"/> say why.</param>
/// <param name="Refusals">One line per refused tranche.</param>
public sealed record ReserveMaturityResult(int Due, int Released, int AlreadyReleased, int Refused, IReadOnlyList<string> Refusals);
