using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payouts;

/// <summary>
/// A provider's status callback: verified against the provider's secret, then raised on the payout's
/// saga, which wakes up and requeries only when the callback tells it a status it has not heard yet
/// (a repeat spends none of its requery budget), and never trusts a webhook over the provider's API.
/// </summary>
public sealed class ReceiveProviderWebhook(IPaymentProviderRegistry providers, IPayoutStore payouts, IPayoutSagas sagas)
{
    /// <summary>The header a callback's signature arrives in: the provider adapters and both hosts' webhook endpoints name it from here.</summary>
    public const string SignatureHeader = "X-WalletFlow-Signature";

    /// <summary>The payout id the callback was about, or a rejection (a forged callback changes nothing).</summary>
    public async Task<Result<string>> RunAsync(string providerId, byte[] body, string? signature, CancellationToken cancellationToken)
    {
        var provider = providers.Find(providerId);
        if (!provider.TryGetValue(out var rail, out var rejected))
            return rejected with { Field = "providerId" };
        var verified = rail.VerifyWebhook(body, signature);
        if (!verified.TryGetValue(out var statusEvent, out rejected))
            return rejected;
        // Every payout id walletflow issues passed MovementInput.Id; any other names no payout of ours,
        // and one with a NUL made the lookup fail in PostgreSQL (22021) into a 500 (found by the fuzzer).
        if (!MovementInput.Id(statusEvent.PayoutId, "payoutId").IsSuccess)
            return new NotFound("payout", statusEvent.PayoutId);
        var payout = await payouts.FindAsync(statusEvent.PayoutId, cancellationToken);
        if (payout is null || payout.ProviderId != providerId)
            return new NotFound("payout", statusEvent.PayoutId);
        // A callback after the end (a replayed genuine one, or one racing the last requery) has nothing to wake.
        if (!PayoutLifecycle.IsTerminal(payout.Status))
            await sagas.RaiseProviderStatusAsync(payout.PayoutId, ProviderReply.From(statusEvent.Outcome), cancellationToken);
        return payout.PayoutId;
    }
}
