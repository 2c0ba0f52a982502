namespace WalletFlow.Numscript;

/// <summary>
/// What a valid script does with accounts and which statements call functions, read off its syntax
/// tree (never off its text, so a comment or a string cannot pass for code): every account a send
/// takes from or gives to, with its overdraft clause; the account a save keeps money on; account
/// literals anywhere else (function arguments, variable origins); and the function-call statements
/// (<c>set_tx_meta</c>, <c>set_account_meta</c>) with their arguments. For an embedder's own rules
/// about scripts, such as walletflow's template checks.
/// </summary>
public sealed class ScriptOutline
{
    private readonly List<AccountUse> _accounts = [];
    private readonly List<ScriptCall> _calls = [];

    private ScriptOutline()
    {
    }

    /// <summary>Every use of an account, in the order the script names them.</summary>
    public IReadOnlyList<AccountUse> Accounts => _accounts;

    /// <summary>Every function-call statement, in order.</summary>
    public IReadOnlyList<ScriptCall> Calls => _calls;

    internal static ScriptOutline Of(ProgramNode program)
    {
        var outline = new ScriptOutline();
        foreach (var variable in program.Variables)
        {
            outline.Mentions(variable.Origin);
        }
        foreach (var statement in program.Statements)
        {
            switch (statement)
            {
                case SendStatement send:
                    outline.Sent(send.Amount);
                    outline.Source(send.Source);
                    outline.Destination(send.Destination);
                    break;
                case SaveStatement save:
                    outline.Sent(save.Amount);
                    outline.Use(save.Account, AccountRole.SavedFrom);
                    break;
                case CallStatement call:
                    outline._calls.Add(new ScriptCall(call.Call.Name, [.. call.Call.Arguments.Select(Argument)], call.Position));
                    outline.Mentions(call.Call);
                    break;
            }
        }
        return outline;
    }

    private static ScriptArgument Argument(Expr expr) => expr switch
    {
        StringLiteral text => new ScriptArgument(expr.Position) { Text = text.Value },
        VariableExpr variable => new ScriptArgument(expr.Position) { Variable = variable.Name },
        _ => new ScriptArgument(expr.Position),
    };

    private void Sent(SentValue value)
    {
        Mentions(value.Monetary);
        Mentions(value.AllOfAsset);
    }

    private void Source(SourceNode node)
    {
        switch (node)
        {
            case AccountSource account:
                Use(account.Address, AccountRole.Source);
                break;
            case OverdraftSource overdraft:
                Use(overdraft.Address, AccountRole.Source, overdraft.Bound is null ? Overdraft.Unbounded : Overdraft.Bounded);
                Mentions(overdraft.Bound);
                break;
            case ScalingSource scaling:
                Use(scaling.Address, AccountRole.Source);
                Use(scaling.Swap, AccountRole.ScalingSwap);
                break;
            case InorderSource inorder:
                inorder.Sources.ToList().ForEach(Source);
                break;
            case OneofSource oneof:
                oneof.Sources.ToList().ForEach(Source);
                break;
            case CappedSource capped:
                Mentions(capped.Cap);
                Source(capped.From);
                break;
            case AllotmentSource allotment:
                allotment.Clauses.ToList().ForEach(clause => { Mentions(clause.Portion); Source(clause.From); });
                break;
        }
    }

    private void Destination(DestinationNode node)
    {
        switch (node)
        {
            case AccountDestination account:
                Use(account.Address, AccountRole.Destination);
                break;
            case AllotmentDestination allotment:
                allotment.Clauses.ToList().ForEach(clause => { Mentions(clause.Portion); KeptOr(clause.To); });
                break;
            case InorderDestination inorder:
                inorder.Clauses.ToList().ForEach(clause => { Mentions(clause.Cap); KeptOr(clause.To); });
                KeptOr(inorder.Remaining);
                break;
        }
    }

    private void KeptOr(KeptOrDestination to)
    {
        if (to.Destination is { } destination)
            Destination(destination);
    }

    private void Use(Expr address, AccountRole role, Overdraft overdraft = Overdraft.None)
    {
        var use = new AccountUse(role, address.Position) { Overdraft = overdraft };
        _accounts.Add(address switch
        {
            VariableExpr variable => use with { Variable = variable.Name },
            AccountLiteral { PlainName: { } name } => use with { Literal = name },
            _ => use,
        });
        if (address is not (VariableExpr or AccountLiteral))
            Mentions(address);
    }

    // Account literals inside other expressions: function arguments, amounts, bounds, origins.
    private void Mentions(Expr? expr)
    {
        switch (expr)
        {
            case AccountLiteral literal:
                _accounts.Add(new AccountUse(AccountRole.Mentioned, literal.Position) { Literal = literal.PlainName });
                break;
            case MonetaryLiteral monetary:
                Mentions(monetary.Asset);
                Mentions(monetary.Amount);
                break;
            case NegationExpr negation:
                Mentions(negation.Operand);
                break;
            case InfixExpr infix:
                Mentions(infix.Left);
                Mentions(infix.Right);
                break;
            case FunctionCall call:
                call.Arguments.ToList().ForEach(Mentions);
                break;
        }
    }
}
