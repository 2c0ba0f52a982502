namespace WalletFlow.Tests.Integration.Api;

/// <summary>
/// The v1 endpoint a test exercises, as <c>"METHOD /route/{param}"</c>: V1EndpointTests fails when the
/// host maps an endpoint no test there covers with its success and a rejection.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CoversAttribute(string endpoint) : Attribute
{
    public string Endpoint { get; } = endpoint;
}
