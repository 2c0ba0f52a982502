namespace WalletFlow.Numscript;

/// <summary>Runs parsed scripts. Stateless: each run gets its own working copy of balances.</summary>
public static class NumscriptInterpreter
{
    /// <summary>
    /// Runs <paramref name="script"/> with the given variables (name to text, as in the ledger API),
    /// reading balances and metadata from <paramref name="store"/>. Feature flags the script declares
    /// itself are added to <paramref name="featureFlags"/>.
    /// </summary>
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
}
