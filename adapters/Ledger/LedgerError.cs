using WalletFlow.Core.Ports;

namespace WalletFlow.Adapters.Ledger;

/// <summary>
/// A refusal in Formance's terms: its error code and a human message. An INSUFFICIENT_FUND refusal
/// made in this process (the embedded ledger) also carries its <see cref="Shortfall"/> as a value, so
/// the port never parses its own message back; one read from Formance's text, or from the ledger
/// HTTP API's JSON, has only the message.
/// </summary>
public sealed record LedgerError(string Code, string Message)
{
    /// <summary>Which account lacked how much of which asset, when the refusal was made in-process.</summary>
    public InsufficientFunds? Shortfall { get; init; }

    public static LedgerError Validation(string message) => new(LedgerErrorCodes.Validation, message);
    public static LedgerError NotFound(string message) => new(LedgerErrorCodes.NotFound, message);
    public static LedgerError LedgerNotFound(string ledger) => new(LedgerErrorCodes.LedgerNotFound, $"ledger {ledger} not found");
    public static LedgerError Conflict(string message) => new(LedgerErrorCodes.Conflict, message);

    /// <summary>INSUFFICIENT_FUND with the message the API answers and the shortfall as a value.</summary>
    public static LedgerError InsufficientFund(string message, InsufficientFunds shortfall) =>
        new(LedgerErrorCodes.InsufficientFund, message) { Shortfall = shortfall };
}

/// <summary>Formance Ledger v2's error codes (formance-v2.md, "Errors"), in one place.</summary>
public static class LedgerErrorCodes
{
    public const string Validation = "VALIDATION";
    public const string NotFound = "NOT_FOUND";
    public const string LedgerNotFound = "LEDGER_NOT_FOUND";
    public const string LedgerAlreadyExists = "LEDGER_ALREADY_EXISTS";
    public const string Conflict = "CONFLICT";
    public const string InsufficientFund = "INSUFFICIENT_FUND";
    public const string CompilationFailed = "COMPILATION_FAILED";
    public const string InterpreterParse = "INTERPRETER_PARSE";
    public const string InterpreterRuntime = "INTERPRETER_RUNTIME";
    public const string NoPostings = "NO_POSTINGS";
    public const string AlreadyRevert = "ALREADY_REVERT";
    public const string MetadataOverride = "METADATA_OVERRIDE";
    public const string Internal = "INTERNAL";
}
