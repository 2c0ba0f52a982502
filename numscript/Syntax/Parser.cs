using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace WalletFlow.Numscript;

/// <summary>
/// Recursive-descent parser for Numscript.g4. Stops at the first error with its position and what
/// was expected. Source and destination rules live in the other half of this partial class.
/// Refuses, before recursing, a script larger or deeper than <see cref="NumscriptLimits"/> allows.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private int _index;
    private int _depth;

    private Parser(List<Token> tokens) => _tokens = tokens;

    /// <exception cref="SyntaxFailure">On the first lexical or syntax error, or a limit exceeded.</exception>
    public static ProgramNode Parse(string text)
    {
        CheckSize(text);
        return new Parser(Lexer.Tokenize(text)).ParseProgram();
    }

    // Before lexing, so an oversized script costs one pass over its text. The position is where the
    // first byte beyond the limit starts, so an editor shows where to cut.
    private static void CheckSize(string text)
    {
        if (text.Length * 3 <= NumscriptLimits.MaxScriptBytes || Encoding.UTF8.GetByteCount(text) <= NumscriptLimits.MaxScriptBytes)
            return;
        var (bytes, line, column) = (0, 1, 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var width = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 4 : 3;
            if (bytes + width > NumscriptLimits.MaxScriptBytes)
                break;
            bytes += width;
            if (width == 4)
                i++;
            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }
        throw new SyntaxFailure(DiagnosticKind.ScriptTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"the script is {Encoding.UTF8.GetByteCount(text)} bytes, more than the limit of {NumscriptLimits.MaxScriptBytes}"),
            new SourcePosition(line, column));
    }

    // Every rule that can recurse enters here first, so the parser's own recursion is bounded. A
    // failure unwinds the whole parse, so the matching Leave is not needed on that path.
    private void Enter(SourcePosition at)
    {
        // The second test guards a caller on a thread with an unusually small stack.
        if (++_depth > NumscriptLimits.MaxNestingDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw TooDeep(at);
    }

    private void Leave() => _depth--;

    // A chain of operators is built by a loop, not by recursion: its height is checked as it grows,
    // counted from how deep the chain itself sits.
    private InfixExpr Bounded(InfixExpr expr) =>
        _depth + expr.Height > NumscriptLimits.MaxNestingDepth ? throw TooDeep(expr.Position) : expr;

    private static SyntaxFailure TooDeep(SourcePosition at) =>
        new(DiagnosticKind.NestingTooDeep,
            $"the script nests deeper than {NumscriptLimits.MaxNestingDepth} levels (parentheses, brackets, calls, operators, sources or destinations)", at);

    private Token Current => _tokens[_index];

    private TokenKind Kind => Current.Kind;

    private TokenKind PeekKind(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)].Kind;

    private Token Take()
    {
        var token = Current;
        if (token.Kind != TokenKind.EndOfInput)
            _index++;
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Kind != kind)
            return false;
        _index++;
        return true;
    }

    private Token Expect(TokenKind kind, string what) =>
        Kind == kind ? Take() : throw Unexpected(what);

    private SyntaxFailure Unexpected(string expected) =>
        new(DiagnosticKind.UnexpectedToken, $"expected {expected}, found {Describe(Current)}", Current.Position);

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfInput => "end of input",
        TokenKind.String => $"\"{token.Text}\"",
        TokenKind.Variable or TokenKind.AccountVariable => $"'${token.Text}'",
        _ => $"'{token.Text}'",
    };

    private ProgramNode ParseProgram()
    {
        var flags = Kind == TokenKind.HashBang ? ParseFeatureDeclaration() : [];
        var variables = Kind == TokenKind.Vars ? ParseVars() : [];
        var statements = new List<Statement>();
        while (Kind != TokenKind.EndOfInput)
            statements.Add(ParseStatement());
        return new ProgramNode(flags, variables, statements);
    }

    private List<string> ParseFeatureDeclaration()
    {
        Take();
        Expect(TokenKind.LBracket, "'['");
        Expect(TokenKind.Feature, "'feature'");
        Expect(TokenKind.LParen, "'('");
        var flags = new List<string>();
        if (Kind == TokenKind.String)
        {
            flags.Add(Take().Text);
            while (Accept(TokenKind.Comma))
                flags.Add(Expect(TokenKind.String, "a feature name string").Text);
        }
        Expect(TokenKind.RParen, "')'");
        Expect(TokenKind.RBracket, "']'");
        return flags;
    }

    private List<VarDeclaration> ParseVars()
    {
        Take();
        Expect(TokenKind.LBrace, "'{' after 'vars'");
        var declarations = new List<VarDeclaration>();
        while (!Accept(TokenKind.RBrace))
        {
            var type = Expect(TokenKind.Identifier, "a variable type (account, asset, number, monetary, portion, string) or '}'");
            var name = Expect(TokenKind.Variable, "a variable name like $amount");
            Expr? origin = Accept(TokenKind.Equals) ? ParseExpr() : null;
            declarations.Add(new VarDeclaration(type.Position, type.Text, name.Text, origin));
        }
        return declarations;
    }

    private Statement ParseStatement()
    {
        var start = Current.Position;
        switch (Kind)
        {
            case TokenKind.Send:
                Take();
                var amount = ParseSentValue();
                Expect(TokenKind.LParen, "'(' after the sent amount");
                Expect(TokenKind.Source, "'source'");
                Expect(TokenKind.Equals, "'=' after 'source'");
                var source = ParseSource();
                Expect(TokenKind.Destination, "'destination'");
                Expect(TokenKind.Equals, "'=' after 'destination'");
                var destination = ParseDestination();
                Expect(TokenKind.RParen, "')' closing the send");
                return new SendStatement(start, amount, source, destination);
            case TokenKind.Save:
                Take();
                var saved = ParseSentValue();
                Expect(TokenKind.From, "'from' after the saved amount");
                return new SaveStatement(start, saved, ParseExpr());
            case TokenKind.Identifier or TokenKind.Overdraft when PeekKind(1) == TokenKind.LParen:
                return new CallStatement(start, ParseCall());
            default:
                throw Unexpected("a statement ('send', 'save' or a function call)");
        }
    }

    private SentValue ParseSentValue()
    {
        var start = Current.Position;
        if (Kind == TokenKind.LBracket && PeekKind(2) == TokenKind.Star)
        {
            Take();
            var asset = ParseUnary();
            Expect(TokenKind.Star, "'*'");
            Expect(TokenKind.RBracket, "']'");
            return new SentValue(start, null, asset);
        }
        return new SentValue(start, ParseExpr(), null);
    }

    // Precedence as in Numscript.g4: prefix minus, then '/', then '+' and '-', all left-associative.
    internal Expr ParseExpr()
    {
        var left = ParseDivision();
        while (Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Take();
            left = Bounded(new InfixExpr(op.Position, op.Text[0], left, ParseDivision()));
        }
        return left;
    }

    private Expr ParseDivision()
    {
        var left = ParseUnary();
        while (Kind == TokenKind.Slash)
        {
            var op = Take();
            left = Bounded(new InfixExpr(op.Position, '/', left, ParseUnary()));
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Kind != TokenKind.Minus)
            return ParsePrimary();
        var minus = Take();
        Enter(minus.Position);
        var negation = new NegationExpr(minus.Position, ParseUnary());
        Leave();
        return negation;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Variable:
                Take();
                return new VariableExpr(token.Position, token.Text);
            case TokenKind.Asset:
                Take();
                return new AssetLiteral(token.Position, token.Text);
            case TokenKind.String:
                Take();
                return new StringLiteral(token.Position, token.Text);
            case TokenKind.Number:
                Take();
                return new NumberLiteral(token.Position, BigInteger.Parse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture));
            case TokenKind.Percentage:
                Take();
                if (!Portion.TryParsePercentage(token.Text, out var portion))
                    throw new SyntaxFailure(DiagnosticKind.InvalidNumber, $"'{token.Text}%' is not a valid percentage", token.Position);
                return new PercentageLiteral(token.Position, portion);
            case TokenKind.AccountStart:
                return ParseAccount();
            case TokenKind.LBracket:
                Take();
                Enter(token.Position);
                // The asset is a single term so that [EUR/2 -100] reads as asset EUR/2, amount -100.
                var asset = ParseUnary();
                var amount = ParseExpr();
                Expect(TokenKind.RBracket, "']' closing the monetary");
                Leave();
                return new MonetaryLiteral(token.Position, asset, amount);
            case TokenKind.LParen:
                Take();
                Enter(token.Position);
                var inner = ParseExpr();
                Expect(TokenKind.RParen, "')'");
                Leave();
                return inner;
            case TokenKind.Identifier or TokenKind.Overdraft when PeekKind(1) == TokenKind.LParen:
                return ParseCall();
            default:
                throw Unexpected("an expression (variable, literal, account, monetary or function call)");
        }
    }

    private AccountLiteral ParseAccount()
    {
        var start = Take().Position;
        var segments = new List<AccountSegment> { ParseAccountSegment() };
        while (Kind == TokenKind.Colon)
        {
            Take();
            segments.Add(ParseAccountSegment());
        }
        return new AccountLiteral(start, segments);
    }

    private AccountSegment ParseAccountSegment()
    {
        var token = Take();
        return token.Kind switch
        {
            TokenKind.AccountText => new AccountSegment(token.Position, token.Text, null),
            TokenKind.AccountVariable => new AccountSegment(token.Position, null, token.Text),
            _ => throw new SyntaxFailure(DiagnosticKind.UnexpectedToken, $"expected an account name segment, found {Describe(token)}", token.Position),
        };
    }

    private FunctionCall ParseCall()
    {
        var name = Take();
        Expect(TokenKind.LParen, "'('");
        Enter(name.Position);
        var arguments = new List<Expr>();
        if (Kind != TokenKind.RParen)
        {
            arguments.Add(ParseExpr());
            while (Accept(TokenKind.Comma))
                arguments.Add(ParseExpr());
        }
        Expect(TokenKind.RParen, "')' closing the call");
        Leave();
        return new FunctionCall(name.Position, name.Text, arguments);
    }
}
