using System.Text.Json;

namespace WalletFlow.Adapters.Payments;

/// <summary>The protocol's JSON: camelCase names, nulls left out, nothing else assumed.</summary>
public static class ProviderJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
