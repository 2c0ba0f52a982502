using WalletFlow.Core.Payouts;
using WalletFlow.Core.Telemetry;

namespace WalletFlow.Activities.Payouts;

/// <summary>The <c>outcome</c> label of a payout step's duration: what the step answered the saga.</summary>
internal static class PayoutStepOutcome
{
    /// <summary>A money step: <c>passed</c>, <c>retry</c> (a transient refusal; the saga asks again) or <c>rejected</c>.</summary>
    public static string Of(PayoutStepResult result) =>
        result.Succeeded ? WalletFlowTelemetry.Outcomes.Passed
        : result.Retry ? "retry"
        : WalletFlowTelemetry.Outcomes.Rejected;

    /// <summary>A provider call: the kind of its answer, lower case (<c>accepted</c>, <c>rejected</c>, <c>pending</c>, <c>ambiguous</c>).</summary>
    public static string Of(ProviderReply reply) => reply.Kind switch
    {
        ProviderReplyKind.Accepted => "accepted",
        ProviderReplyKind.Rejected => "rejected",
        ProviderReplyKind.Pending => "pending",
        _ => "ambiguous",
    };
}
