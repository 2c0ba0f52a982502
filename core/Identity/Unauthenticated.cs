using WalletFlow.Core.Results;

namespace WalletFlow.Core.Identity;

/// <summary>A request that identifies no one: no credentials, or credentials that are not valid.</summary>
/// <param name="Reason">What is wrong, without saying whether a key or an account exists.</param>
public sealed record Unauthenticated(string Reason) : Rejection(RejectionCodes.Unauthenticated, Reason);
