namespace WalletFlow.Adapters.Postgres;

/// <summary>No PostgreSQL server binaries where walletflow looked; the message says what to do.</summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException(string message) : base(message) { }
    public PostgresBinariesNotFoundException() { }
    public PostgresBinariesNotFoundException(string message, Exception inner) : base(message, inner) { }
}
