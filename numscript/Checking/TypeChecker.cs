namespace WalletFlow.Numscript;

/// <summary>
/// Static checks after parsing: each variable declared once with a known type, every variable used is
/// declared, functions exist and get the right number and types of arguments, and expressions have
/// the type their position needs. Reports every problem found, each with its position.
/// </summary>
internal sealed class TypeChecker
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly List<NumscriptDiagnostic> _diagnostics = [];

    public static List<NumscriptDiagnostic> Check(ProgramNode program)
    {
        var checker = new TypeChecker();
        checker.CheckProgram(program);
        return checker._diagnostics;
    }

    private void Report(DiagnosticKind kind, string message, SourcePosition position) =>
        _diagnostics.Add(new NumscriptDiagnostic(kind, message, position));

    private void CheckProgram(ProgramNode program)
    {
        foreach (var declaration in program.Variables)
        {
            if (!NumscriptTypes.All.Contains(declaration.Type))
                Report(DiagnosticKind.UnknownType, $"unknown type '{declaration.Type}' for ${declaration.Name}: expected one of {string.Join(", ", NumscriptTypes.All)}", declaration.Position);
            if (declaration.Origin is { } origin)
            {
                if (origin is FunctionCall { Name: FunctionSignature.Meta })
                    TypeOf(origin);
                else
                    Expect(origin, declaration.Type);
            }
            if (!_variables.TryAdd(declaration.Name, declaration.Type))
                Report(DiagnosticKind.DuplicateVariable, $"variable ${declaration.Name} is declared more than once", declaration.Position);
        }
        foreach (var statement in program.Statements)
            CheckStatement(statement);
    }

    private void CheckStatement(Statement statement)
    {
        switch (statement)
        {
            case SendStatement send:
                CheckSentValue(send.Amount);
                CheckSource(send.Source);
                CheckDestination(send.Destination);
                break;
            case SaveStatement save:
                CheckSentValue(save.Amount);
                Expect(save.Account, NumscriptTypes.Account);
                break;
            case CallStatement call:
                CheckCall(call.Call, asStatement: true);
                break;
        }
    }

    private void CheckSentValue(SentValue value)
    {
        if (value.Monetary is { } monetary)
            Expect(monetary, NumscriptTypes.Monetary);
        if (value.AllOfAsset is { } asset)
            Expect(asset, NumscriptTypes.Asset);
    }

    private void CheckSource(SourceNode source)
    {
        switch (source)
        {
            case AccountSource account:
                Expect(account.Address, NumscriptTypes.Account);
                ExpectOptional(account.Color, NumscriptTypes.String);
                break;
            case OverdraftSource overdraft:
                Expect(overdraft.Address, NumscriptTypes.Account);
                ExpectOptional(overdraft.Color, NumscriptTypes.String);
                ExpectOptional(overdraft.Bound, NumscriptTypes.Monetary);
                break;
            case ScalingSource scaling:
                Expect(scaling.Address, NumscriptTypes.Account);
                Expect(scaling.Swap, NumscriptTypes.Account);
                break;
            case InorderSource inorder:
                inorder.Sources.ToList().ForEach(CheckSource);
                break;
            case OneofSource oneof:
                oneof.Sources.ToList().ForEach(CheckSource);
                break;
            case CappedSource capped:
                Expect(capped.Cap, NumscriptTypes.Monetary);
                CheckSource(capped.From);
                break;
            case AllotmentSource allotment:
                foreach (var clause in allotment.Clauses)
                {
                    ExpectOptional(clause.Portion, NumscriptTypes.Portion);
                    CheckSource(clause.From);
                }
                break;
        }
    }

    private void CheckDestination(DestinationNode destination)
    {
        switch (destination)
        {
            case AccountDestination account:
                Expect(account.Address, NumscriptTypes.Account);
                break;
            case AllotmentDestination allotment:
                foreach (var clause in allotment.Clauses)
                {
                    ExpectOptional(clause.Portion, NumscriptTypes.Portion);
                    CheckKeptOrDestination(clause.To);
                }
                break;
            case InorderDestination inorder:
                foreach (var clause in inorder.Clauses)
                {
                    Expect(clause.Cap, NumscriptTypes.Monetary);
                    CheckKeptOrDestination(clause.To);
                }
                CheckKeptOrDestination(inorder.Remaining);
                break;
        }
    }

    private void CheckKeptOrDestination(KeptOrDestination target)
    {
        if (target.Destination is { } destination)
            CheckDestination(destination);
    }

    private void ExpectOptional(Expr? expr, string type)
    {
        if (expr is not null)
            Expect(expr, type);
    }

    private void Expect(Expr expr, string type)
    {
        var actual = TypeOf(expr);
        if (actual is not null && actual != type)
            Report(DiagnosticKind.TypeMismatch, $"expected a value of type {type}, found {actual}", expr.Position);
    }

    /// <summary>The static type of <paramref name="expr"/>, or null when unknown (an error was reported, or meta()).</summary>
    private string? TypeOf(Expr expr)
    {
        switch (expr)
        {
            case VariableExpr variable:
                if (_variables.TryGetValue(variable.Name, out var type))
                    return type;
                Report(DiagnosticKind.UndeclaredVariable, $"variable ${variable.Name} is not declared in vars", variable.Position);
                return null;
            case AssetLiteral:
                return NumscriptTypes.Asset;
            case StringLiteral:
                return NumscriptTypes.String;
            case NumberLiteral:
                return NumscriptTypes.Number;
            case PercentageLiteral:
                return NumscriptTypes.Portion;
            case AccountLiteral account:
                foreach (var segment in account.Segments.Where(s => s.Variable is not null))
                    TypeOf(new VariableExpr(segment.Position, segment.Variable!));
                return NumscriptTypes.Account;
            case MonetaryLiteral monetary:
                Expect(monetary.Asset, NumscriptTypes.Asset);
                Expect(monetary.Amount, NumscriptTypes.Number);
                return NumscriptTypes.Monetary;
            case NegationExpr negation:
                return ArithmeticOperand(negation.Operand);
            case InfixExpr { Operator: '/' } division:
                Expect(division.Left, NumscriptTypes.Number);
                Expect(division.Right, NumscriptTypes.Number);
                return NumscriptTypes.Portion;
            case InfixExpr infix:
                var left = ArithmeticOperand(infix.Left);
                if (left is not null)
                    Expect(infix.Right, left);
                return left;
            case FunctionCall call:
                return CheckCall(call, asStatement: false);
            default:
                return null;
        }
    }

    private string? ArithmeticOperand(Expr operand)
    {
        var type = TypeOf(operand);
        if (type is null or NumscriptTypes.Number or NumscriptTypes.Monetary)
            return type;
        Report(DiagnosticKind.TypeMismatch, $"expected a number or a monetary, found {type}", operand.Position);
        return null;
    }

    private string? CheckCall(FunctionCall call, bool asStatement)
    {
        if (!FunctionSignature.All.TryGetValue(call.Name, out var signature))
        {
            Report(DiagnosticKind.UnknownFunction, $"unknown function '{call.Name}'", call.Position);
            call.Arguments.ToList().ForEach(a => TypeOf(a));
            return null;
        }
        if (signature.IsStatement != asStatement)
        {
            var role = signature.IsStatement ? "a statement and returns no value" : "an expression, not a statement";
            Report(DiagnosticKind.TypeMismatch, $"'{call.Name}' is {role}", call.Position);
        }
        if (call.Arguments.Count != signature.Parameters.Count)
        {
            Report(DiagnosticKind.WrongArity, $"'{call.Name}' takes {signature.Parameters.Count} arguments, got {call.Arguments.Count}", call.Position);
            call.Arguments.ToList().ForEach(a => TypeOf(a));
            return signature.Result;
        }
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (signature.Parameters[i] is { } parameter)
                Expect(call.Arguments[i], parameter);
            else
                TypeOf(call.Arguments[i]);
        }
        return signature.Result;
    }
}
