namespace WalletFlow.Host.Api;

/// <summary>POST /v1/holds/{holdId}/release: no fields; send <c>{}</c>.</summary>
public sealed record ReleaseHoldBody;
