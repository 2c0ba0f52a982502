using WalletFlow.Core.Monetary;

namespace WalletFlow.Core.Cutover;

/// <summary>One valid row of a legacy balances file: a wallet to open and its opening balance.</summary>
/// <param name="Line">The row's line in the file (the header is line 1).</param>
/// <param name="WalletId">The wallet id (the legacy id, kept).</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="Balance">The legacy balance, zero or more, in the wallet's currency.</param>
/// <param name="LegacyRef">The legacy account or snapshot reference; null when the file gives none.</param>
public sealed record CutoverRow(int Line, string WalletId, string OwnerId, Money Balance, string? LegacyRef);
