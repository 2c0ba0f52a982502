using WalletFlow.Core.Monetary;
using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>The rail's mutable record of one payout; every read and change holds its lock.</summary>
internal sealed class SandboxPayout
{
    public SandboxPayout(string payoutId, Money amount, Beneficiary beneficiary)
    {
        PayoutId = payoutId;
        Amount = amount;
        Beneficiary = beneficiary;
        Script = SandboxScripts.For(beneficiary.AccountNumber);
        Reference = $"sbx-{payoutId}";
        // The first state is fixed at creation, so a concurrent duplicate submit never sees a half-made payout.
        (Status, Reason) = Script switch
        {
            SandboxScript.Reject => (ProviderProtocol.Rejected, RejectReason),
            SandboxScript.PendingThenSuccess or SandboxScript.PendingThenFailure => (ProviderProtocol.Pending, null),
            SandboxScript.AmbiguousForever => ((string?)null, (string?)null),
            _ => (ProviderProtocol.Accepted, null),
        };
    }

    public string PayoutId { get; }
    public Money Amount { get; }
    public Beneficiary Beneficiary { get; }
    public SandboxScript Script { get; }
    public string Reference { get; }
    public string? Status { get; private set; }
    public string? Reason { get; private set; }
    public int Submits { get; set; }
    public int Queries { get; private set; }

    private string RejectReason => $"beneficiary account {Beneficiary.AccountNumber} refused by the sandbox (last digit 2)";

    /// <summary>Counts a requery; true when it settled a pending payout (a status change to announce).</summary>
    public bool CountQuery(int settleAfterQueries)
    {
        Queries++;
        if (Status != ProviderProtocol.Pending || Queries < settleAfterQueries)
            return false;
        if (Script == SandboxScript.PendingThenSuccess)
            Status = ProviderProtocol.Accepted;
        else
            (Status, Reason) = (ProviderProtocol.Rejected, $"payout to {Beneficiary.AccountNumber} failed at the beneficiary bank (sandbox, last digit 4)");
        return true;
    }

    public PayoutStatusBody ToBody() => new(PayoutId, Status,
        Status is ProviderProtocol.Accepted or ProviderProtocol.Pending ? Reference : null,
        Status == ProviderProtocol.Rejected ? Reason : null);

    public SandboxPayoutState Snapshot() => new(PayoutId, Script, Amount, Beneficiary, Status,
        Status is null ? null : Reference, Reason, Submits, Queries);
}
