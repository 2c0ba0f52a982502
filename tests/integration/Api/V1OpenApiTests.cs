using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>The OpenAPI document describes every v1 endpoint, its bodies and its problem answers.</summary>
public sealed class V1OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_v1_path_with_its_schemas_and_problems()
    {
        using var document = JsonDocument.Parse(await api.DocumentAsync());

        var paths = document.RootElement.GetProperty("paths");
        // Every /v1 route the host maps, so an endpoint added later is checked too.
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Where(p => p.StartsWith("/v1/", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Superset(
            new HashSet<string>(["/v1/payins", "/v1/transfers", "/v1/wallets", "/v1/wallets/{walletId}", "/v1/wallets/{walletId}/transactions"]),
            mapped.ToHashSet());
        Assert.Equal(mapped, paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var payIn = paths.GetProperty("/v1/payins").GetProperty("post");
        Assert.Contains(payIn.GetProperty("parameters").EnumerateArray(), p =>
            p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header" && p.GetProperty("required").GetBoolean());
        Assert.True(payIn.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        var responses = payIn.GetProperty("responses");
        Assert.True(responses.GetProperty("201").GetProperty("content").TryGetProperty("application/json", out _));
        foreach (var problem in new[] { "400", "409", "413", "415", "422" })
            Assert.True(responses.GetProperty(problem).GetProperty("content").TryGetProperty("application/problem+json", out _), problem);
        Assert.True(paths.GetProperty("/v1/wallets/{walletId}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(paths.GetProperty("/v1/wallets").GetProperty("post").GetProperty("responses").TryGetProperty("400", out _));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var problemProperties = schemas.GetProperty("ProblemDetails").GetProperty("properties");
        Assert.True(problemProperties.TryGetProperty("code", out _) && problemProperties.TryGetProperty("errors", out _));
        foreach (var schema in new[] { "PayInBody", "TransferBody", "OpenWalletBody", "MovementResponse", "PostingResponse", "WalletResponse", "WalletTransactionPage" })
            Assert.True(schemas.TryGetProperty(schema, out _), schema);
    }
}
