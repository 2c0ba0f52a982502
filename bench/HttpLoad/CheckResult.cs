namespace WalletFlow.Bench.HttpLoad;

/// <summary>One check after a phase: its name, whether it passed, and the figures behind the verdict.</summary>
internal sealed record CheckResult(string Name, bool Passed, string Detail)
{
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Detail}";
}
