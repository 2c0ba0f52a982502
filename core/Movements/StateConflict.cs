using WalletFlow.Core.Results;

namespace WalletFlow.Core.Movements;

/// <summary>The command does not fit the current state (a hold already closed, a frozen wallet…): nothing was done.</summary>
/// <param name="Reason">What state prevents it.</param>
public sealed record StateConflict(string Reason) : Rejection(RejectionCodes.StateConflict, Reason);
