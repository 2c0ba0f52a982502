namespace WalletFlow.Api;

/// <summary>A row a step could not do: its line, wallet, step and the reason.</summary>
public sealed record CutoverFailureResponse(int Line, string WalletId, string Step, string Reason);
