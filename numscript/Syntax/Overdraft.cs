namespace WalletFlow.Numscript;

/// <summary>A source's overdraft clause.</summary>
public enum Overdraft
{
    /// <summary>No clause: the source may not go below zero.</summary>
    None,

    /// <summary><c>allowing overdraft up to …</c>.</summary>
    Bounded,

    /// <summary><c>allowing unbounded overdraft</c>.</summary>
    Unbounded,
}
