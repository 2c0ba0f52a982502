using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Corrections;

/// <summary>An approved adjusting entry on one wallet against <c>suspense:corrections</c> (the correction workflow's posting step).</summary>
/// <param name="Key">The command's idempotency key (the correction's approval).</param>
/// <param name="WalletId">The wallet corrected.</param>
/// <param name="Currency">The currency code (the wallet's).</param>
/// <param name="Credit">Optional, major units credited to the wallet.</param>
/// <param name="Debit">Optional, major units debited from the wallet; at least one of the two is above zero.</param>
/// <param name="Reason">Why: kept on the ledger transaction, the receipt and the event.</param>
public sealed record CorrectionRequest(IdempotencyKey Key, string? WalletId, string? Currency, string? Credit, string? Debit, string? Reason);
