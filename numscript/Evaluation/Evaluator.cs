using System.Globalization;
using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>
/// Runs one program once: variables, then statements in order against working balances. Sources
/// push funds into a queue, destinations pull them and emit postings (the upstream model). One
/// instance per run; the per-send state (asset, queue) is reset by each send.
/// </summary>
internal sealed partial class Evaluator
{
    public const string World = "world";

    private readonly ProgramNode _program;
    private readonly IReadOnlyDictionary<string, string> _inputs;
    private readonly HashSet<string> _flags;
    private readonly IAccountStore _store;
    private readonly WorkingBalances _balances;
    private readonly Dictionary<string, Value> _variables = new(StringComparer.Ordinal);
    private readonly List<Posting> _postings = [];
    private readonly Dictionary<string, string> _txMetadata = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _accountMetadata = new(StringComparer.Ordinal);
    private FundsQueue _queue = new();
    private string _asset = "";
    private string? _lastAccountDrawn;
    private bool _inVariableOrigin;

    public Evaluator(ProgramNode program, IReadOnlyDictionary<string, string> inputs, IAccountStore store, IEnumerable<string> flags)
    {
        _program = program;
        _inputs = inputs;
        _store = store;
        _balances = new WorkingBalances(store);
        _flags = new HashSet<string>(flags, StringComparer.Ordinal);
        _flags.UnionWith(program.FeatureFlags);
    }

    public NumscriptResult Run()
    {
        try
        {
            BindVariables();
            foreach (var statement in _program.Statements)
                RunStatement(statement);
            return NumscriptResult.Success(
                _postings,
                _txMetadata,
                _accountMetadata.ToDictionary(a => a.Key, a => (IReadOnlyDictionary<string, string>)a.Value, StringComparer.Ordinal));
        }
        catch (RuntimeFailure failure)
        {
            return NumscriptResult.Failure(failure.Error);
        }
    }

    internal static RuntimeFailure Fail(RuntimeErrorKind kind, string message, SourcePosition? position) =>
        new(new NumscriptRuntimeError(kind, message, position));

    private void RequireFlag(string flag, SourcePosition position)
    {
        if (!_flags.Contains(flag))
            throw Fail(RuntimeErrorKind.ExperimentalFeatureDisabled, $"this needs the experimental feature flag '{flag}'", position);
    }

    private void BindVariables()
    {
        foreach (var declaration in _program.Variables)
        {
            Value? value;
            if (declaration.Origin is FunctionCall { Name: FunctionSignature.Meta } meta)
            {
                var text = ((StringValue)EvaluateOrigin(meta)).Text;
                value = NumscriptTypes.TryParse(declaration.Type, text)
                    ?? throw Fail(RuntimeErrorKind.InvalidVariable, $"metadata value '{text}' for ${declaration.Name} is not a valid {declaration.Type}", meta.Position);
            }
            else if (declaration.Origin is { } origin)
            {
                if (origin is not FunctionCall)
                    RequireFlag(FeatureFlags.MidScriptFunctionCall, origin.Position);
                value = EvaluateOrigin(origin);
                if (value.TypeName != declaration.Type)
                    throw Fail(RuntimeErrorKind.InvalidValue, $"${declaration.Name} is declared {declaration.Type} but its value is a {value.TypeName}", origin.Position);
            }
            else if (_inputs.TryGetValue(declaration.Name, out var text))
            {
                value = NumscriptTypes.TryParse(declaration.Type, text)
                    ?? throw Fail(RuntimeErrorKind.InvalidVariable, $"'{text}' is not a valid {declaration.Type} for ${declaration.Name}", declaration.Position);
            }
            else
            {
                throw Fail(RuntimeErrorKind.MissingVariable, $"no value given for variable ${declaration.Name}", declaration.Position);
            }
            _variables[declaration.Name] = value;
        }
    }

    private Value EvaluateOrigin(Expr origin)
    {
        _inVariableOrigin = true;
        try
        {
            return Evaluate(origin);
        }
        finally
        {
            _inVariableOrigin = false;
        }
    }

    private void RunStatement(Statement statement)
    {
        switch (statement)
        {
            case SendStatement send:
                RunSend(send);
                break;
            case SaveStatement save:
                RunSave(save);
                break;
            case CallStatement call:
                RunCallStatement(call.Call);
                break;
        }
    }

    private void RunSend(SendStatement send)
    {
        _queue = new FundsQueue();
        if (send.Amount.AllOfAsset is { } assetExpr)
        {
            _asset = EvaluateAs<AssetValue>(assetExpr).Name;
            var sent = SendAll(send.Source);
            RequireStorable(new MonetaryValue(_asset, sent), send.Amount.Position);
            Receive(send.Destination, sent);
            return;
        }
        var monetary = EvaluateAs<MonetaryValue>(send.Amount.Monetary!);
        _asset = monetary.Asset;
        if (monetary.Amount.Sign < 0)
            throw Fail(RuntimeErrorKind.NegativeAmount, $"cannot send a negative amount ({monetary})", send.Amount.Position);
        RequireStorable(monetary, send.Amount.Position);
        SendExactly(send.Source, monetary.Amount);
        Receive(send.Destination, monetary.Amount);
    }

    // Literals are below the limit (the lexer checks), but sums and variables are not: no posting a
    // ledger cannot store leaves the interpreter, so the refusal names the send, not a database error.
    private static void RequireStorable(MonetaryValue sent, SourcePosition position)
    {
        if (sent.Amount >= NumscriptLimits.AmountLimit)
            throw Fail(RuntimeErrorKind.AmountTooLarge,
                $"cannot send an amount of {sent.Amount.ToString(CultureInfo.InvariantCulture).Length} digits in {sent.Asset}: amounts must be less than {NumscriptLimits.AmountLimitText}", position);
    }

    private void RunSave(SaveStatement save)
    {
        var account = EvaluateAs<AccountValue>(save.Account).Name;
        if (save.Amount.AllOfAsset is { } assetExpr)
        {
            // Saving everything protects a positive balance; a negative one is left as it is, so an
            // overdraft bound that follows still counts from the real balance (upstream's
            // runSaveStatement only zeroes a balance above zero).
            var asset = EvaluateAs<AssetValue>(assetExpr).Name;
            if (_balances.Get(account, asset).Sign > 0)
                _balances.Set(account, asset, 0);
            return;
        }
        var monetary = EvaluateAs<MonetaryValue>(save.Amount.Monetary!);
        if (monetary.Amount.Sign < 0)
            throw Fail(RuntimeErrorKind.NegativeAmount, $"cannot save a negative amount ({monetary})", save.Amount.Position);
        // Upstream floors the result at zero, even for a balance that was already negative.
        var left = _balances.Get(account, monetary.Asset) - monetary.Amount;
        _balances.Set(account, monetary.Asset, BigInteger.Max(left, 0));
    }

    private void EmitPosting(string source, string destination, BigInteger amount, string asset)
    {
        if (amount.IsZero)
            return;
        _balances.Add(source, asset, -amount);
        _balances.Add(destination, asset, amount);
        _postings.Add(new Posting(source, destination, amount, asset));
    }

    /// <summary>Everything a <c>oneof</c> branch can change, to undo it.</summary>
    private (Dictionary<(string, string), BigInteger> Balances, (List<FundsQueue.Sender>, int) Queue, int Postings) Snapshot() =>
        (_balances.Snapshot(), _queue.Snapshot(), _postings.Count);

    private void Restore((Dictionary<(string, string), BigInteger> Balances, (List<FundsQueue.Sender>, int) Queue, int Postings) snapshot)
    {
        _balances.Restore(snapshot.Balances);
        _queue.Restore(snapshot.Queue);
        _postings.RemoveRange(snapshot.Postings, _postings.Count - snapshot.Postings);
    }
}
