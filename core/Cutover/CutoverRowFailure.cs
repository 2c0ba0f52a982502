namespace WalletFlow.Core.Cutover;

/// <summary>A row a batch could not do: its wallet, the step, and the reason.</summary>
/// <param name="Line">The row's line in the file.</param>
/// <param name="WalletId">Its wallet.</param>
/// <param name="Step"><see cref="CutoverLifecycle.Post"/> or <see cref="CutoverLifecycle.Reverse"/>.</param>
/// <param name="Reason">The rejection, code and message.</param>
public sealed record CutoverRowFailure(int Line, string WalletId, string Step, string Reason);
