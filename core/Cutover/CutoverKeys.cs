using WalletFlow.Core.Movements;

namespace WalletFlow.Core.Cutover;

/// <summary>The idempotency keys of a cutover's movements: one per wallet per cutover, so a re-run batch is the same command.</summary>
public static class CutoverKeys
{
    /// <summary>The opening balance of <paramref name="walletId"/> in cutover <paramref name="cutoverId"/>.</summary>
    public static IdempotencyKey Opening(string cutoverId, string walletId) => IdempotencyKey.Create($"cutover:{cutoverId}:{walletId}").Value;

    /// <summary>Its reversal by the rollback.</summary>
    public static IdempotencyKey Reversal(string cutoverId, string walletId) => IdempotencyKey.Create($"cutover:{cutoverId}:rollback:{walletId}").Value;
}
