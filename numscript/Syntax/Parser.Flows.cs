namespace WalletFlow.Numscript;

/// <summary>The source and destination rules of Numscript.g4.</summary>
internal sealed partial class Parser
{
    // Sources and destinations nest (a capped source of an allotment of …): each level is one
    // level of NumscriptLimits.MaxNestingDepth.
    private SourceNode ParseSource()
    {
        Enter(Current.Position);
        var source = ParseSourceLevel();
        Leave();
        return source;
    }

    private SourceNode ParseSourceLevel()
    {
        var start = Current.Position;
        switch (Kind)
        {
            case TokenKind.Max:
                Take();
                var cap = ParseExpr();
                Expect(TokenKind.From, "'from' after the max cap");
                return new CappedSource(start, cap, ParseSource());
            case TokenKind.Oneof:
                Take();
                Expect(TokenKind.LBrace, "'{' after 'oneof'");
                var branches = new List<SourceNode> { ParseSource() };
                while (!Accept(TokenKind.RBrace))
                    branches.Add(ParseSource());
                return new OneofSource(start, branches);
            case TokenKind.LBrace:
                Take();
                return ParseBracedSource(start);
            default:
                return ParseAccountSource(ParseExpr());
        }
    }

    /// <summary>After '{': an allotment when the first clause has 'from', else an in-order list.</summary>
    private SourceNode ParseBracedSource(SourcePosition start)
    {
        if (Kind is TokenKind.Remaining)
            return ParseSourceAllotment(start, []);
        var sources = new List<SourceNode>();
        if (Kind is not (TokenKind.LBrace or TokenKind.Max or TokenKind.Oneof or TokenKind.RBrace))
        {
            var first = ParseExpr();
            if (Kind == TokenKind.From)
            {
                Take();
                return ParseSourceAllotment(start, [new SourceAllotmentClause(first.Position, first, ParseSource())]);
            }
            sources.Add(ParseAccountSource(first));
        }
        while (!Accept(TokenKind.RBrace))
        {
            if (Kind == TokenKind.EndOfInput)
                throw Unexpected("a source or '}'");
            sources.Add(ParseSource());
        }
        return new InorderSource(start, sources);
    }

    private AllotmentSource ParseSourceAllotment(SourcePosition start, List<SourceAllotmentClause> clauses)
    {
        while (!Accept(TokenKind.RBrace))
        {
            var clauseStart = Current.Position;
            Expr? portion = Accept(TokenKind.Remaining) ? null : ParseExpr();
            Expect(TokenKind.From, "'from' in the allotment clause");
            clauses.Add(new SourceAllotmentClause(clauseStart, portion, ParseSource()));
        }
        return new AllotmentSource(start, clauses);
    }

    private SourceNode ParseAccountSource(Expr address)
    {
        Expr? color = Accept(TokenKind.Backslash) ? ParseUnary() : null;
        if (Accept(TokenKind.Allowing))
        {
            if (Accept(TokenKind.Unbounded))
            {
                Expect(TokenKind.Overdraft, "'overdraft' after 'unbounded'");
                return new OverdraftSource(address.Position, address, color, null);
            }
            Expect(TokenKind.Overdraft, "'unbounded' or 'overdraft' after 'allowing'");
            Expect(TokenKind.Up, "'up' after 'overdraft'");
            Expect(TokenKind.To, "'to' after 'up'");
            return new OverdraftSource(address.Position, address, color, ParseExpr());
        }
        if (color is null && Accept(TokenKind.With))
        {
            Expect(TokenKind.Scaling, "'scaling' after 'with'");
            Expect(TokenKind.Through, "'through' after 'scaling'");
            return new ScalingSource(address.Position, address, ParseExpr());
        }
        return new AccountSource(address.Position, address, color);
    }

    private DestinationNode ParseDestination()
    {
        Enter(Current.Position);
        var destination = ParseDestinationLevel();
        Leave();
        return destination;
    }

    private DestinationNode ParseDestinationLevel()
    {
        var start = Current.Position;
        if (Accept(TokenKind.Oneof))
        {
            Expect(TokenKind.LBrace, "'{' after 'oneof'");
            return ParseInorderDestination(start, isOneof: true);
        }
        if (!Accept(TokenKind.LBrace))
            return new AccountDestination(start, ParseExpr());
        if (Kind == TokenKind.Max)
            return ParseInorderDestination(start, isOneof: false);
        var clauses = new List<DestinationAllotmentClause>();
        do
        {
            var clauseStart = Current.Position;
            Expr? portion = Accept(TokenKind.Remaining) ? null : ParseExpr();
            clauses.Add(new DestinationAllotmentClause(clauseStart, portion, ParseKeptOrDestination()));
        }
        while (!Accept(TokenKind.RBrace));
        return new AllotmentDestination(start, clauses);
    }

    private InorderDestination ParseInorderDestination(SourcePosition start, bool isOneof)
    {
        var clauses = new List<CappedDestinationClause>();
        while (Kind == TokenKind.Max)
        {
            var clauseStart = Take().Position;
            var cap = ParseExpr();
            clauses.Add(new CappedDestinationClause(clauseStart, cap, ParseKeptOrDestination()));
        }
        Expect(TokenKind.Remaining, "'max' or 'remaining'");
        var remaining = ParseKeptOrDestination();
        Expect(TokenKind.RBrace, "'}' after the 'remaining' clause");
        return new InorderDestination(start, clauses, remaining, isOneof);
    }

    private KeptOrDestination ParseKeptOrDestination()
    {
        if (Accept(TokenKind.Kept))
            return new KeptOrDestination(null);
        Expect(TokenKind.To, "'to' or 'kept'");
        return new KeptOrDestination(ParseDestination());
    }
}
