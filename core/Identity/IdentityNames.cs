namespace WalletFlow.Core.Identity;

/// <summary>The one rule for the names of API clients and operators: what a shell, a log line and an audit row can carry safely.</summary>
public static class IdentityNames
{
    /// <summary>Longest name.</summary>
    public const int MaxLength = 64;

    /// <summary>1–64 characters: lower-case ASCII letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');

    /// <summary>The rule in words, for error messages.</summary>
    public const string Rule = "1–64 characters of a–z, 0–9, '.', '_' and '-', starting with a letter or digit";
}
