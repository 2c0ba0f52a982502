using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Migration;

/// <summary>A wallet's opening balance at cutover, from the legacy system's balance (design.md §7 cutover).</summary>
/// <param name="Key">The command's idempotency key (one per wallet per cutover, so a re-driven fan-out posts once).</param>
/// <param name="WalletId">The wallet credited.</param>
/// <param name="Amount">Major units, as text; above zero (a zero legacy balance needs no posting).</param>
/// <param name="Currency">The currency code (the wallet's).</param>
/// <param name="LegacyRef">Optional legacy account or snapshot reference.</param>
public sealed record OpeningBalanceRequest(IdempotencyKey Key, string? WalletId, string? Amount, string? Currency, string? LegacyRef = null);
