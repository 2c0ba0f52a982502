namespace WalletFlow.Numscript;

/// <summary>Why a valid script could not run to completion.</summary>
public enum RuntimeErrorKind
{
    MissingFunds,
    NegativeAmount,
    InvalidAllotment,
    MissingVariable,
    InvalidVariable,
    MissingMetadata,
    NegativeBalance,
    MismatchedAsset,
    DivisionByZero,
    InvalidAccountName,
    InvalidSendAll,
    ExperimentalFeatureDisabled,
    InvalidValue,

    /// <summary>An amount sent of NumscriptLimits.AmountLimit (10^78) or more.</summary>
    AmountTooLarge,
}
