namespace WalletFlow.Tests.Integration.Durable.Probe;

public sealed record ApprovalProbeInput(string Name, TimeSpan TimerDelay);
