using System.Globalization;
using System.Numerics;
using WalletFlow.Core.Monetary;

namespace WalletFlow.Host.Ops;

/// <summary>How the console writes money and time: amounts with their currency's decimals and code, times in UTC with their age.</summary>
public static class OpsText
{
    public static string Money(Money money) => $"{money.FormatAmount()} {money.Currency.Code}";

    /// <summary>A ledger amount of a ledger asset (<c>NGN/2</c>) in its currency's decimals, or minor units and the asset when the asset is no known currency's.</summary>
    public static string Ledger(BigInteger minor, string asset) =>
        LedgerAsset.ToMoney(asset, minor) is { IsSuccess: true } money ? Money(money.Value) : $"{minor.ToString(CultureInfo.InvariantCulture)} {asset}";

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Utc(DateTime at) => Utc(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));

    /// <summary>"3 min ago", "in 12 s": <paramref name="at"/> against <paramref name="now"/>.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        var future = span < TimeSpan.Zero;
        span = span.Duration();
        var text = span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 48 ? $"{(int)span.TotalHours} h"
            : $"{(int)span.TotalDays} d";
        return future ? "in " + text : text + " ago";
    }

    public static string When(DateTimeOffset at, DateTimeOffset now) => $"{Utc(at)} ({Age(at, now)})";

    public static string When(DateTime at, DateTimeOffset now) => When(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), now);
}
