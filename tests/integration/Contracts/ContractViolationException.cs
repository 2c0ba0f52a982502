namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>An answer that is not what the API's OpenAPI document declares: the message names the operation, the request's path and what differs.</summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException()
    {
    }

    public ContractViolationException(string message) : base(message)
    {
    }

    public ContractViolationException(string message, Exception inner) : base(message, inner)
    {
    }
}
