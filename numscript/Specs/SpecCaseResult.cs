namespace WalletFlow.Numscript.Specs;

/// <summary>The outcome of one spec case; <see cref="Failures"/> says expected vs actual for each unmet expectation.</summary>
public sealed record SpecCaseResult(SpecCase Case, SpecOutcome Outcome, IReadOnlyList<string> Failures)
{
    public bool Passed => Outcome == SpecOutcome.Passed;

    public override string ToString() =>
        Outcome == SpecOutcome.Failed ? $"FAIL {Case.Name}: {string.Join("; ", Failures)}" : $"{Outcome} {Case.Name}";
}
