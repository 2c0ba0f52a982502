
namespace WalletFlow.Numscript;

/// <summary>
/// Working out what a run will read without running the sends: variables are bound for real (their
/// meta() and balance() reads count), then every statement is walked, evaluating only account and
/// asset expressions, and the built-in calls inside any expression.
/// </summary>
internal sealed partial class Evaluator
{
    public static ExecutionNeeds CollectNeeds(ProgramNode program, IReadOnlyDictionary<string, string> inputs, IAccountStore store, IEnumerable<string> flags)
    {
        var recording = new RecordingAccountStore(store);
        var evaluator = new Evaluator(program, inputs, recording, flags);
        evaluator.BindVariables();
        foreach (var statement in program.Statements)
            evaluator.CollectNeeds(statement, recording);
        return new ExecutionNeeds(recording.Balances, recording.AssetFamilies, recording.Metadata);
    }

    private void CollectNeeds(Statement statement, RecordingAccountStore recording)
    {
        switch (statement)
        {
            case SendStatement send:
                _asset = send.Amount.AllOfAsset is { } asset
                    ? EvaluateAs<AssetValue>(asset).Name
                    : EvaluateAs<MonetaryValue>(send.Amount.Monetary!).Asset;
                CollectNeeds(send.Source, recording);
                CollectNeeds(send.Destination);
                break;
            case SaveStatement save:
                var saved = save.Amount.AllOfAsset is { } savedAsset
                    ? EvaluateAs<AssetValue>(savedAsset).Name
                    : EvaluateAs<MonetaryValue>(save.Amount.Monetary!).Asset;
                recording.GetBalance(EvaluateAs<AccountValue>(save.Account).Name, saved);
                break;
            case CallStatement call:
                call.Call.Arguments.ToList().ForEach(CallsIn);
                break;
        }
    }

    private void CollectNeeds(SourceNode source, RecordingAccountStore recording)
    {
        switch (source)
        {
            case AccountSource account:
                NeedBalance(account.Address, account.Color, recording);
                break;
            case OverdraftSource { Bound: { } bound } overdraft:
                CallsIn(bound);
                NeedBalance(overdraft.Address, overdraft.Color, recording);
                break;
            case ScalingSource scaling:
                var name = EvaluateAs<AccountValue>(scaling.Address).Name;
                recording.GetBalance(name, _asset);
                recording.GetAssetFamilyBalances(name, AssetName.BaseOf(_asset));
                break;
            case InorderSource inorder:
                inorder.Sources.ToList().ForEach(s => CollectNeeds(s, recording));
                break;
            case OneofSource oneof:
                oneof.Sources.ToList().ForEach(s => CollectNeeds(s, recording));
                break;
            case CappedSource capped:
                CallsIn(capped.Cap);
                CollectNeeds(capped.From, recording);
                break;
            case AllotmentSource allotment:
                allotment.Clauses.ToList().ForEach(c => CollectNeeds(c.From, recording));
                break;
        }
    }

    private void CollectNeeds(DestinationNode destination)
    {
        switch (destination)
        {
            case AllotmentDestination allotment:
                allotment.Clauses.Where(c => c.To.Destination is not null).ToList().ForEach(c => CollectNeeds(c.To.Destination!));
                break;
            case InorderDestination inorder:
                foreach (var clause in inorder.Clauses)
                {
                    CallsIn(clause.Cap);
                    if (clause.To.Destination is { } to)
                        CollectNeeds(to);
                }
                if (inorder.Remaining.Destination is { } remaining)
                    CollectNeeds(remaining);
                break;
        }
    }

    private void NeedBalance(Expr address, Expr? color, RecordingAccountStore recording)
    {
        var account = EvaluateAs<AccountValue>(address).Name;
        if (account != World)
            recording.GetBalance(account, AssetName.Colored(_asset, EvaluateColor(color)));
    }

    /// <summary>Evaluates the built-in calls inside an expression, so their reads are recorded.</summary>
    private void CallsIn(Expr expr)
    {
        switch (expr)
        {
            case FunctionCall call:
                _ = EvaluateCall(call);
                break;
            case InfixExpr infix:
                CallsIn(infix.Left);
                CallsIn(infix.Right);
                break;
            case NegationExpr negation:
                CallsIn(negation.Operand);
                break;
            case MonetaryLiteral monetary:
                CallsIn(monetary.Amount);
                break;
        }
    }

}
