using WalletFlow.Core.Movements;
using WalletFlow.Core.Payouts;

namespace WalletFlow.Api;

/// <summary>The request headers v1 reads, named once for both hosts (host/ and functions/).</summary>
public static class ApiHeaders
{
    /// <summary>Required on every money-moving POST; core names its rejections after the same field.</summary>
    public const string IdempotencyKeyHeader = IdempotencyKey.IdempotencyKeyField;

    /// <summary>The HMAC a provider signs its webhook body with (checked by <c>ReceiveProviderWebhook</c>).</summary>
    public const string SignatureHeader = ReceiveProviderWebhook.SignatureHeader;
}
