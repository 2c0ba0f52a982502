namespace WalletFlow.Numscript;

/// <summary>Runs parsed scripts. Stateless: each run gets its own working copy of balances.</summary>
public static class NumscriptInterpreter
{
    /// <summary>
    /// Runs <paramref name="script"/> with the given variables (name to text, as in the ledger API),
    /// reading balances and metadata from <paramref name="store"/>. Feature flags the script declares
    /// itself are added to <paramref name="featureFlags"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The script has static errors (check <see cref="ParsedScript.IsValid"/> first).</exception>
    public static NumscriptResult Run(
        ParsedScript script,
        IReadOnlyDictionary<string, string> variables,
        IAccountStore store,
        IEnumerable<string>? featureFlags = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(store);
        return new Evaluator(script.Program, variables, store, featureFlags ?? []).Run();
    }

    /// <summary>
    /// What <see cref="Run"/> will read for these variables: lock these balances and metadata, then
    /// run. Variable initialisers (<c>meta()</c>, <c>balance()</c>) are read from the store to find out.
    /// A runtime error while binding variables (a missing variable, say) is returned instead.
    /// </summary>
    public static (ExecutionNeeds? Needs, NumscriptRuntimeError? Error) Plan(
        ParsedScript script,
        IReadOnlyDictionary<string, string> variables,
        IAccountStore store,
        IEnumerable<string>? featureFlags = null)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(store);
        try
        {
            return (Evaluator.CollectNeeds(script.Program, variables, store, featureFlags ?? []), null);
        }
        catch (RuntimeFailure failure)
        {
            return (null, failure.Error);
        }
    }
}
