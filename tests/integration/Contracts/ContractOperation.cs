using System.Text.Json.Nodes;

namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>
/// One operation of an <see cref="OpenApiContract"/>: its method, path template, operationId and
/// declared responses; an alias (a spelling the server also accepts) answers as <see cref="AliasOf"/>.
/// </summary>
public sealed record ContractOperation(string Method, string Path, string? OperationId, JsonObject Responses, ContractOperation? AliasOf = null)
{
    /// <summary>The operationId, or method and path where the document names none.</summary>
    public string Id => AliasOf?.Id ?? OperationId ?? $"{Method} {Path}";

    /// <summary>The document's own operation (itself, or the one an alias answers as).</summary>
    public ContractOperation Declared => AliasOf ?? this;

    public override string ToString() => AliasOf is { } target
        ? $"{Id} ({target.Method} {target.Path}, spelled {Method} {Path})"
        : $"{Id} ({Method} {Path})";
}
