namespace WalletFlow.Tests.Integration.Durable.Probe;

public sealed record ApprovalProbeResult(string Greeting, string Approval, DateTime TimerDue, DateTime TimerFired);
