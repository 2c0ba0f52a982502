namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// <c>serve</c> was started on a data directory whose private cluster another process runs; the
/// message names that process (exit code 2: the setting, not the database, is at fault).
/// </summary>
public sealed class DataDirectoryInUseException : Exception
{
    public DataDirectoryInUseException(string message) : base(message) { }
    public DataDirectoryInUseException() { }
    public DataDirectoryInUseException(string message, Exception inner) : base(message, inner) { }
}
