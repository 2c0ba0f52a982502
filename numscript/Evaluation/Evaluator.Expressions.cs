using System.Numerics;

namespace WalletFlow.Numscript;

/// <summary>Expressions and built-in functions.</summary>
internal sealed partial class Evaluator
{
    private T EvaluateAs<T>(Expr expr)
        where T : Value
    {
        var value = Evaluate(expr);
        return value as T
            ?? throw Fail(RuntimeErrorKind.InvalidValue, $"expected a {TypeNameOf<T>()}, found the {value.TypeName} {value}", expr.Position);
    }

    private static string TypeNameOf<T>() => typeof(T).Name switch
    {
        nameof(AccountValue) => NumscriptTypes.Account,
        nameof(AssetValue) => NumscriptTypes.Asset,
        nameof(NumberValue) => NumscriptTypes.Number,
        nameof(MonetaryValue) => NumscriptTypes.Monetary,
        nameof(PortionValue) => NumscriptTypes.Portion,
        _ => NumscriptTypes.String,
    };

    /// <summary>A monetary in the asset being sent (caps, overdraft bounds).</summary>
    private BigInteger EvaluateAmountOfCurrentAsset(Expr expr)
    {
        var monetary = EvaluateAs<MonetaryValue>(expr);
        if (monetary.Asset != _asset)
            throw Fail(RuntimeErrorKind.MismatchedAsset, $"expected a monetary in {_asset}, found {monetary}", expr.Position);
        return monetary.Amount;
    }

    private Value Evaluate(Expr expr) => expr switch
    {
        VariableExpr v => _variables.TryGetValue(v.Name, out var value)
            ? value
            : throw Fail(RuntimeErrorKind.MissingVariable, $"variable ${v.Name} has no value", v.Position),
        AssetLiteral a => new AssetValue(a.Asset),
        StringLiteral s => new StringValue(s.Value),
        NumberLiteral n => new NumberValue(n.Value),
        PercentageLiteral p => new PortionValue(p.Value),
        AccountLiteral account => new AccountValue(AccountName(account)),
        MonetaryLiteral m => new MonetaryValue(EvaluateAs<AssetValue>(m.Asset).Name, EvaluateAs<NumberValue>(m.Amount).Amount),
        NegationExpr neg => Evaluate(neg.Operand) switch
        {
            NumberValue n => new NumberValue(-n.Amount),
            MonetaryValue m => m with { Amount = -m.Amount },
            var other => throw Fail(RuntimeErrorKind.InvalidValue, $"cannot negate the {other.TypeName} {other}", neg.Position),
        },
        InfixExpr infix => EvaluateInfix(infix),
        FunctionCall call => EvaluateCall(call),
        _ => throw new InvalidOperationException($"unknown expression {expr.GetType().Name}"),
    };

    private Value EvaluateInfix(InfixExpr infix)
    {
        var left = Evaluate(infix.Left);
        var right = Evaluate(infix.Right);
        switch (infix.Operator, left, right)
        {
            case ('/', NumberValue n, NumberValue d):
                if (d.Amount.IsZero)
                    throw Fail(RuntimeErrorKind.DivisionByZero, "division by zero", infix.Position);
                return new PortionValue(new Portion(n.Amount, d.Amount));
            case ('+', NumberValue a, NumberValue b):
                return new NumberValue(a.Amount + b.Amount);
            case ('-', NumberValue a, NumberValue b):
                return new NumberValue(a.Amount - b.Amount);
            case ('+' or '-', MonetaryValue a, MonetaryValue b):
                if (a.Asset != b.Asset)
                    throw Fail(RuntimeErrorKind.MismatchedAsset, $"cannot combine {a} and {b}: different assets", infix.Position);
                return a with { Amount = infix.Operator == '+' ? a.Amount + b.Amount : a.Amount - b.Amount };
            default:
                throw Fail(RuntimeErrorKind.InvalidValue, $"cannot apply '{infix.Operator}' to {left.TypeName} and {right.TypeName}", infix.Position);
        }
    }

    private string AccountName(AccountLiteral account)
    {
        if (account.PlainName is { } plain)
            return plain;
        RequireFlag(FeatureFlags.AccountInterpolation, account.Position);
        var segments = account.Segments.Select(segment =>
        {
            if (segment.Text is { } text)
                return text;
            return Evaluate(new VariableExpr(segment.Position, segment.Variable!)) switch
            {
                AccountValue a => a.Name,
                NumberValue n => n.ToString(),
                StringValue s => s.Text,
                var other => throw Fail(RuntimeErrorKind.InvalidAccountName, $"cannot interpolate the {other.TypeName} {other} in an account name", segment.Position),
            };
        });
        var name = string.Join(':', segments);
        return NumscriptTypes.IsValidAccount(name)
            ? name
            : throw Fail(RuntimeErrorKind.InvalidAccountName, $"'{name}' is not a valid account name", account.Position);
    }

    private Value EvaluateCall(FunctionCall call)
    {
        var signature = FunctionSignature.All[call.Name];
        if (signature.Flag is { } flag)
            RequireFlag(flag, call.Position);
        if (!_inVariableOrigin)
            RequireFlag(FeatureFlags.MidScriptFunctionCall, call.Position);
        var args = call.Arguments;
        switch (call.Name)
        {
            case FunctionSignature.Meta:
                var account = EvaluateAs<AccountValue>(args[0]).Name;
                var key = EvaluateAs<StringValue>(args[1]).Text;
                return new StringValue(_store.GetMetadata(account, key)
                    ?? throw Fail(RuntimeErrorKind.MissingMetadata, $"account @{account} has no metadata '{key}'", call.Position));
            case FunctionSignature.Balance:
                var (owner, asset) = (EvaluateAs<AccountValue>(args[0]).Name, EvaluateAs<AssetValue>(args[1]).Name);
                var balance = _balances.Get(owner, asset);
                if (balance.Sign < 0)
                    throw Fail(RuntimeErrorKind.NegativeBalance, $"balance() of @{owner} in {asset} is negative ({balance})", call.Position);
                return new MonetaryValue(asset, balance);
            case FunctionSignature.Overdraft:
                var (debtor, debtAsset) = (EvaluateAs<AccountValue>(args[0]).Name, EvaluateAs<AssetValue>(args[1]).Name);
                return new MonetaryValue(debtAsset, BigInteger.Max(-_balances.Get(debtor, debtAsset), 0));
            case FunctionSignature.GetAsset:
                return new AssetValue(EvaluateAs<MonetaryValue>(args[0]).Asset);
            case FunctionSignature.GetAmount:
                return new NumberValue(EvaluateAs<MonetaryValue>(args[0]).Amount);
            default:
                throw new InvalidOperationException($"'{call.Name}' is not an expression function");
        }
    }

    private void RunCallStatement(FunctionCall call)
    {
        var args = call.Arguments;
        switch (call.Name)
        {
            case FunctionSignature.SetTxMeta:
                _txMetadata[EvaluateAs<StringValue>(args[0]).Text] = Evaluate(args[1]).ToString();
                break;
            case FunctionSignature.SetAccountMeta:
                var account = EvaluateAs<AccountValue>(args[0]).Name;
                if (!_accountMetadata.TryGetValue(account, out var metadata))
                    _accountMetadata[account] = metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                metadata[EvaluateAs<StringValue>(args[1]).Text] = Evaluate(args[2]).ToString();
                break;
            default:
                throw new InvalidOperationException($"'{call.Name}' is not a statement function");
        }
    }
}
