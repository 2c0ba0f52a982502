namespace WalletFlow.Host.Cli;

/// <summary>The command line itself is wrong; the message says how.</summary>
public sealed class CliUsageException : Exception
{
    public CliUsageException(string message) : base(message) { }
    public CliUsageException() { }
    public CliUsageException(string message, Exception inner) : base(message, inner) { }
}
