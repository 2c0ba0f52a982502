using WalletFlow.Api;

namespace WalletFlow.Functions;

/// <summary>
/// What a payout start answers on Functions: the payout exactly as host/ answers it (every
/// <see cref="PayoutResponse"/> field, <c>statusUrl</c> included) plus <c>durable</c>, the Durable
/// extension's check-status payload (<c>id</c>, <c>statusQueryGetUri</c>, <c>sendEventPostUri</c>,
/// <c>terminatePostUri</c>, <c>purgeHistoryDeleteUri</c>, <c>suspendPostUri</c>, <c>resumePostUri</c>)
/// as <c>DurableTaskClientExtensions.CreateHttpManagementPayload</c> builds it.
/// </summary>
public sealed record StartedPayoutResponse : PayoutResponse
{
    public StartedPayoutResponse(PayoutResponse payout, object durable)
        : base(payout)
    {
        ArgumentNullException.ThrowIfNull(durable);
        Durable = durable;
    }

    /// <summary>The SDK's payload as it returns it (an object of its own shape), serialised as is.</summary>
    public object Durable { get; }
}
