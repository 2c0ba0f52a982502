namespace WalletFlow.Tests.Integration.Durable.Probe;

/// <summary>The custom status <see cref="ApprovalProbe"/> shows at each step.</summary>
public static class ApprovalProbeStep
{
    public const string Greeting = "greeting";
    public const string WaitingForTimer = "waiting-for-timer";
    public const string WaitingForApproval = "waiting-for-approval";
    public const string Approved = "approved";
}
