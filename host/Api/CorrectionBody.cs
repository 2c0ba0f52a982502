namespace WalletFlow.Host.Api;

/// <summary>POST /v1/corrections: an adjusting entry on a wallet against corrections suspense.</summary>
/// <param name="WalletId">The wallet.</param>
/// <param name="Currency">The currency code.</param>
/// <param name="Credit">Optional credit, major units.</param>
/// <param name="Debit">Optional debit, major units.</param>
/// <param name="Reason">Why.</param>
public sealed record CorrectionBody(string? WalletId, string? Currency, string? Credit, string? Debit, string? Reason);
