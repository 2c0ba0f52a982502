using System.Collections.Concurrent;

namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>
/// Checks every answer that passes through an HttpClient against an <see cref="OpenApiContract"/>:
/// an answer the document does not declare (another operation, status, media type or body shape)
/// throws <see cref="ContractViolationException"/>, so the test that sent the request fails naming the
/// operation and the path. Paths are read below <paramref name="basePath"/> (the API's root on its
/// server, such as <c>/api/ledger</c>). Every checked answer is kept in <see cref="Checked"/>.
/// </summary>
public sealed class ContractValidatingHandler(OpenApiContract contract, string basePath) : DelegatingHandler
{
    private readonly string _basePath = basePath.TrimEnd('/');
    private readonly ConcurrentQueue<(ContractOperation Operation, int Status)> _checked = new();
    private readonly ConcurrentQueue<string> _violations = new();

    /// <summary>A handler in front of its own connection, for <c>new HttpClient(handler)</c>.</summary>
    public static ContractValidatingHandler Over(OpenApiContract contract, string basePath) =>
        new(contract, basePath) { InnerHandler = new SocketsHttpHandler() };

    public OpenApiContract Contract => contract;

    /// <summary>Every answer checked so far, with the operation it answered (the declared one, for an alias).</summary>
    public IReadOnlyCollection<(ContractOperation Operation, int Status)> Checked => _checked;

    /// <summary>Every violation found so far (each also thrown to the request's sender).</summary>
    public IReadOnlyCollection<string> Violations => _violations;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var (operation, violation) = path.StartsWith(_basePath + "/", StringComparison.Ordinal)
            ? contract.Check(request.Method.Method, path[_basePath.Length..], (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body)
            : (null, $"{contract.Name}: {request.Method} {path} is not under the API's root {_basePath}/");
        if (operation is not null)
            _checked.Enqueue((operation.Declared, (int)response.StatusCode));
        if (violation is null)
            return response;
        _violations.Enqueue(violation);
        response.Dispose();
        throw new ContractViolationException(violation);
    }
}
