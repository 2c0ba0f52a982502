namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>The sandbox's one scripting rule (design.md §7), so tests and docs name digits, not magic.</summary>
public static class SandboxScripts
{
    /// <summary>The script for a beneficiary account number: its last character decides.</summary>
    public static SandboxScript For(string accountNumber) =>
        (string.IsNullOrEmpty(accountNumber) ? ' ' : accountNumber[^1]) switch
        {
            '2' => SandboxScript.Reject,
            '3' => SandboxScript.PendingThenSuccess,
            '4' => SandboxScript.PendingThenFailure,
            '5' => SandboxScript.AmbiguousForever,
            '6' => SandboxScript.SlowThenSuccess,
            _ => SandboxScript.InstantSuccess,
        };

    /// <summary>An account number that selects <paramref name="script"/> (for tests and demos).</summary>
    public static string AccountNumberFor(SandboxScript script, string prefix = "012345678") => prefix + script switch
    {
        SandboxScript.InstantSuccess => "1",
        SandboxScript.Reject => "2",
        SandboxScript.PendingThenSuccess => "3",
        SandboxScript.PendingThenFailure => "4",
        SandboxScript.AmbiguousForever => "5",
        SandboxScript.SlowThenSuccess => "6",
        _ => throw new ArgumentOutOfRangeException(nameof(script), script, null),
    };
}
