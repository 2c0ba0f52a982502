using System.Globalization;
using System.Text;

namespace WalletFlow.Numscript;

/// <summary>
/// Turns script text into tokens following the upstream Lexer.g4: whitespace and comments are
/// skipped, keywords win over identifiers of the same text, and '@' or ':' switch to account-name
/// mode for exactly one segment (text or <c>$variable</c>).
/// </summary>
internal sealed class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["vars"] = TokenKind.Vars, ["max"] = TokenKind.Max, ["source"] = TokenKind.Source,
        ["destination"] = TokenKind.Destination, ["send"] = TokenKind.Send, ["from"] = TokenKind.From,
        ["up"] = TokenKind.Up, ["to"] = TokenKind.To, ["remaining"] = TokenKind.Remaining,
        ["allowing"] = TokenKind.Allowing, ["unbounded"] = TokenKind.Unbounded,
        ["overdraft"] = TokenKind.Overdraft, ["oneof"] = TokenKind.Oneof, ["kept"] = TokenKind.Kept,
        ["save"] = TokenKind.Save, ["with"] = TokenKind.With, ["scaling"] = TokenKind.Scaling,
        ["through"] = TokenKind.Through, ["feature"] = TokenKind.Feature,
    };

    // A literal below NumscriptLimits.AmountLimit (10^78) has at most this many significant digits.
    private static readonly int MaxNumberDigits = NumscriptLimits.AmountLimit.ToString(CultureInfo.InvariantCulture).Length - 1;

    private readonly string _text;
    private readonly List<Token> _tokens = [];
    private int _index;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text) => _text = text;

    /// <summary>The tokens of <paramref name="text"/>, ending with <see cref="TokenKind.EndOfInput"/>.</summary>
    /// <exception cref="SyntaxFailure">On the first lexical error.</exception>
    public static List<Token> Tokenize(string text)
    {
        var lexer = new Lexer(text);
        lexer.Run();
        return lexer._tokens;
    }

    private SourcePosition Here => new(_line, _column);

    private char Peek(int ahead = 0) => _index + ahead < _text.Length ? _text[_index + ahead] : '\0';

    private void Advance()
    {
        if (_text[_index] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _index++;
    }

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_index >= _text.Length)
            {
                _tokens.Add(new Token(TokenKind.EndOfInput, "", Here));
                return;
            }
            LexOne();
        }
    }

    private void SkipTrivia()
    {
        while (_index < _text.Length)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                Advance();
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_index < _text.Length && Peek() != '\n')
                    Advance();
            }
            else if (c == '/' && Peek(1) == '*')
            {
                SkipBlockComment();
            }
            else
            {
                return;
            }
        }
    }

    private void SkipBlockComment()
    {
        var start = Here;
        var depth = 0;
        while (_index < _text.Length)
        {
            if (Peek() == '/' && Peek(1) == '*')
            {
                depth++;
                Advance();
                Advance();
            }
            else if (Peek() == '*' && Peek(1) == '/')
            {
                depth--;
                Advance();
                Advance();
                if (depth == 0)
                    return;
            }
            else
            {
                Advance();
            }
        }
        throw new SyntaxFailure(DiagnosticKind.UnterminatedComment, "comment opened here is never closed with '*/'", start);
    }

    private void LexOne()
    {
        var start = Here;
        var c = Peek();
        var single = c switch
        {
            '(' => TokenKind.LParen, ')' => TokenKind.RParen, '[' => TokenKind.LBracket,
            ']' => TokenKind.RBracket, '{' => TokenKind.LBrace, '}' => TokenKind.RBrace,
            ',' => TokenKind.Comma, '=' => TokenKind.Equals, '*' => TokenKind.Star, '+' => TokenKind.Plus,
            '-' => TokenKind.Minus, '/' => TokenKind.Slash, '\\' => TokenKind.Backslash,
            _ => (TokenKind?)null,
        };
        if (single is { } kind)
        {
            Advance();
            _tokens.Add(new Token(kind, c.ToString(), start));
        }
        else if (c == '#' && Peek(1) == '!')
        {
            Advance();
            Advance();
            _tokens.Add(new Token(TokenKind.HashBang, "#!", start));
        }
        else if (c == '"')
        {
            LexString(start);
        }
        else if (char.IsAsciiDigit(c))
        {
            LexNumberOrPercentage(start);
        }
        else if (char.IsAsciiLetterLower(c))
        {
            var word = TakeWhile(ch => char.IsAsciiLetterLower(ch) || ch == '_');
            _tokens.Add(new Token(Keywords.GetValueOrDefault(word, TokenKind.Identifier), word, start));
        }
        else if (char.IsAsciiLetterUpper(c))
        {
            LexAsset(start);
        }
        else if (c == '$')
        {
            _tokens.Add(new Token(TokenKind.Variable, LexVariableName(start), start));
        }
        else if (c is '@' or ':')
        {
            Advance();
            _tokens.Add(new Token(c == '@' ? TokenKind.AccountStart : TokenKind.Colon, c.ToString(), start));
            LexAccountSegment();
        }
        else
        {
            throw new SyntaxFailure(DiagnosticKind.UnexpectedCharacter, $"unexpected character '{c}'", start);
        }
    }

    private string TakeWhile(Func<char, bool> accept)
    {
        var from = _index;
        while (_index < _text.Length && accept(Peek()))
            Advance();
        return _text[from.._index];
    }

    private void LexString(SourcePosition start)
    {
        var builder = new StringBuilder();
        Advance();
        while (true)
        {
            var c = Peek();
            if (_index >= _text.Length || c is '\n' or '\r')
                throw new SyntaxFailure(DiagnosticKind.UnterminatedString, "string is not closed before the end of the line", start);
            if (c == '"')
                break;
            if (c == '\\' && Peek(1) == '"')
            {
                Advance();
                c = '"';
            }
            builder.Append(c);
            Advance();
        }
        Advance();
        _tokens.Add(new Token(TokenKind.String, builder.ToString(), start));
    }

    private void LexNumberOrPercentage(SourcePosition start)
    {
        var digits = TakeWhile(ch => char.IsAsciiDigit(ch) || ch == '_');
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            var fraction = TakeWhile(char.IsAsciiDigit);
            if (Peek() != '%' || digits.Contains('_', StringComparison.Ordinal))
                throw new SyntaxFailure(DiagnosticKind.InvalidNumber, $"'{digits}.{fraction}' is not a number: decimals are only allowed in percentages", start);
            Advance();
            _tokens.Add(new Token(TokenKind.Percentage, $"{digits}.{fraction}", start));
            return;
        }
        if (digits.EndsWith('_') || digits.Contains("__", StringComparison.Ordinal) || char.IsAsciiLetter(Peek()))
            throw new SyntaxFailure(DiagnosticKind.InvalidNumber, $"'{digits}{(char.IsAsciiLetter(Peek()) ? Peek() : "")}' is not a valid number literal", start);
        if (Peek() == '%')
        {
            Advance();
            if (digits.Contains('_', StringComparison.Ordinal))
                throw new SyntaxFailure(DiagnosticKind.InvalidNumber, $"'{digits}%' is not a valid percentage", start);
            _tokens.Add(new Token(TokenKind.Percentage, digits, start));
            return;
        }
        var number = digits.Replace("_", "", StringComparison.Ordinal);
        var significant = number.TrimStart('0').Length;
        if (significant > MaxNumberDigits)
            throw new SyntaxFailure(DiagnosticKind.InvalidNumber,
                $"a number literal of {significant} digits is too large: numbers must be less than {NumscriptLimits.AmountLimitText}", start);
        _tokens.Add(new Token(TokenKind.Number, number, start));
    }

    private void LexAsset(SourcePosition start)
    {
        var name = TakeWhile(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch));
        if (Peek() == '/' && char.IsAsciiDigit(Peek(1)))
        {
            Advance();
            name += "/" + TakeWhile(char.IsAsciiDigit);
        }
        _tokens.Add(new Token(TokenKind.Asset, name, start));
    }

    private string LexVariableName(SourcePosition start)
    {
        Advance();
        if (!(char.IsAsciiLetterLower(Peek()) || Peek() == '_'))
            throw new SyntaxFailure(DiagnosticKind.UnexpectedCharacter, "expected a variable name after '$'", start);
        var name = TakeWhile(ch => char.IsAsciiLetterLower(ch) || ch == '_');
        return name + TakeWhile(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_');
    }

    private void LexAccountSegment()
    {
        var start = Here;
        if (Peek() == '$')
        {
            _tokens.Add(new Token(TokenKind.AccountVariable, LexVariableName(start), start));
            return;
        }
        var text = TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-');
        if (text.Length == 0)
            throw new SyntaxFailure(DiagnosticKind.UnexpectedCharacter, $"expected an account name segment, found '{Describe(Peek())}'", start);
        _tokens.Add(new Token(TokenKind.AccountText, text, start));
    }

    private string Describe(char c) => _index >= _text.Length ? "end of input" : c.ToString();
}
