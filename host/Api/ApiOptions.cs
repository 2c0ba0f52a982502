using System.ComponentModel.DataAnnotations;

namespace WalletFlow.Host.Api;

/// <summary>Settings of the public v1 API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// The largest request body /v1 reads; a larger one is refused with 413 before it is parsed. The
    /// biggest v1 command is a few hundred bytes, so 64 KiB leaves room without inviting abuse.
    /// </summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The largest legacy balances file POST /v1/cutovers reads (text/csv). A row is some 60–100 bytes,
    /// so the default 16 MiB holds well over 100,000 wallets.
    /// </summary>
    [Range(1024, 512 * 1024 * 1024)]
    public int MaxCutoverFileBytes { get; set; } = 16 * 1024 * 1024;
}
