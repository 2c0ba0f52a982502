namespace WalletFlow.Numscript;

/// <summary>Unwinds evaluation at the first runtime error; the interpreter returns the error as a value.</summary>
internal sealed class RuntimeFailure(NumscriptRuntimeError error) : Exception(error.Message)
{
    public NumscriptRuntimeError Error { get; } = error;
}
