using WalletFlow.Core.Movements;
using WalletFlow.Core.Ports;
using WalletFlow.Core.Results;

namespace WalletFlow.Core.Payouts;

/// <summary>An operator's manual resolution of a dead-lettered payout: only a payout in manual review takes one.</summary>
public sealed class ResolvePayout(IPayoutStore payouts, IPayoutSagas sagas)
{
    /// <summary>Raises the resolution on the payout's saga, or rejects.</summary>
    public async Task<Result<Payout>> RunAsync(string payoutId, string? outcome, string? evidence, string? actor, CancellationToken cancellationToken)
    {
        var input =
            from decided in Outcome(outcome)
            from proof in MovementInput.Text(evidence, "evidence", 2000)
            from who in MovementInput.Text(actor, "actor", 128)
            select new PayoutResolution(decided, proof, who);
        if (!input.TryGetValue(out var resolution, out var rejected))
            return rejected;
        var payout = await payouts.FindAsync(payoutId, cancellationToken);
        if (payout is null)
            return new NotFound("payout", payoutId) { Field = "payoutId" };
        if (payout.Status != PayoutStatus.ManualReview)
            return new StateConflict($"Payout '{payoutId}' is {payout.Status}; only a payout in ManualReview takes a resolution.");
        await sagas.RaiseResolutionAsync(payoutId, resolution, cancellationToken);
        return payout;
    }

    private static Result<PayoutResolutionOutcome> Outcome(string? outcome) => outcome switch
    {
        "settle" => PayoutResolutionOutcome.Settle,
        "release" => PayoutResolutionOutcome.Release,
        _ => InvalidRequest.For("outcome", "Expected settle or release."),
    };
}
