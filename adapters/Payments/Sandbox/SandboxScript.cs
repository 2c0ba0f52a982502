namespace WalletFlow.Adapters.Payments.Sandbox;

/// <summary>What the sandbox rail does with a payout, chosen by the last digit of the beneficiary's account number.</summary>
public enum SandboxScript
{
    /// <summary>Digit 1, and any digit (or character) not listed: accepted at once.</summary>
    InstantSuccess,

    /// <summary>Digit 2: rejected at once, definitively.</summary>
    Reject,

    /// <summary>Digit 3: pending, accepted on the Nth requery.</summary>
    PendingThenSuccess,

    /// <summary>Digit 4: pending, rejected on the Nth requery.</summary>
    PendingThenFailure,

    /// <summary>Digit 5: every submit and requery is held until the caller gives up; the outcome is never known.</summary>
    AmbiguousForever,

    /// <summary>Digit 6: paid at once, but the submit answers only after the slow delay (past the caller's timeout); requeries say accepted.</summary>
    SlowThenSuccess,
}
