using System.Net;
using System.Text.Json;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>One HTTP answer as the tests read it.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, string Text, TimeSpan? RetryAfter, JsonElement Body)
{
    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    /// <summary>The field names of the problem's <c>errors</c> map.</summary>
    public IReadOnlyList<string> ErrorFields =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().Select(e => e.Name).ToList()
            : [];

    public override string ToString() => $"{(int)Status} {MediaType} {Text}";
}
