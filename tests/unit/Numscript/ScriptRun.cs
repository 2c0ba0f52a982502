using System.Numerics;
using WalletFlow.Numscript;

namespace WalletFlow.Tests.Unit.Numscript;

/// <summary>Builds a run: a script, variables, balances, flags. Keeps the tests to the money.</summary>
internal sealed class ScriptRun(string script)
{
    private readonly Dictionary<string, string> _variables = [];
    private readonly InMemoryAccountStore _store = new();
    private readonly List<string> _flags = [];

    public ScriptRun Var(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public ScriptRun Balance(string account, string asset, BigInteger amount)
    {
        _store.SetBalance(account, asset, amount);
        return this;
    }

    public ScriptRun Metadata(string account, string key, string value)
    {
        _store.SetMetadata(account, key, value);
        return this;
    }

    public ScriptRun Flag(string flag)
    {
        _flags.Add(flag);
        return this;
    }

    public ParsedScript Parsed
    {
        get
        {
            var parsed = ParsedScript.Parse(script);
            Assert.True(parsed.IsValid, string.Join("; ", parsed.Diagnostics));
            return parsed;
        }
    }

    public NumscriptResult Run() => NumscriptInterpreter.Run(Parsed, _variables, _store, _flags);

    public ExecutionNeeds Plan()
    {
        var (needs, error) = NumscriptInterpreter.Plan(Parsed, _variables, _store, _flags);
        Assert.Null(error);
        return needs!;
    }

    public static Posting P(string source, string destination, BigInteger amount, string asset) => new(source, destination, amount, asset);
}
