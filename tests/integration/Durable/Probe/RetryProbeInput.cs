namespace WalletFlow.Tests.Integration.Durable.Probe;

public sealed record RetryProbeInput(string Key, int Failures);
