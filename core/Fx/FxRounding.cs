namespace WalletFlow.Core.Fx;

/// <summary>How a converted amount is brought to whole minor units. There is no default: every caller says which.</summary>
public enum FxRounding
{
    /// <summary>Toward zero: the customer never receives more than the exact amount (the usual choice for a bought amount).</summary>
    Down,

    /// <summary>Away from zero.</summary>
    Up,

    /// <summary>To the nearest minor unit; halves go to the even neighbour (banker's rounding).</summary>
    HalfEven,

    /// <summary>To the nearest minor unit; halves go away from zero.</summary>
    HalfUp,
}
