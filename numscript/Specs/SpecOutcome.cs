namespace WalletFlow.Numscript.Specs;

public enum SpecOutcome
{
    Passed,
    Failed,

    /// <summary>The case is marked <c>"skip": true</c>; upstream treats a run with skips as not clean.</summary>
    Skipped,
}
