namespace WalletFlow.Numscript;

/// <summary>What a script does with an account where it names it (<see cref="AccountUse"/>).</summary>
public enum AccountRole
{
    /// <summary>A send takes money from it.</summary>
    Source,

    /// <summary>A send gives money to it.</summary>
    Destination,

    /// <summary>A <c>save</c> keeps money on it.</summary>
    SavedFrom,

    /// <summary>The swap account of <c>with scaling through</c>.</summary>
    ScalingSwap,

    /// <summary>Named elsewhere: a function argument, an amount, a variable's origin.</summary>
    Mentioned,
}
