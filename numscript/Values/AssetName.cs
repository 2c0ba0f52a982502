using System.Globalization;

namespace WalletFlow.Numscript;

/// <summary>Asset-name arithmetic: scales (<c>EUR/2</c>) and colors (<c>EUR_RED/2</c>), as upstream stores them.</summary>
public static class AssetName
{
    /// <summary>The asset without its scale: <c>EUR/2</c> → <c>EUR</c>.</summary>
    public static string BaseOf(string asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? asset : asset[..slash];
    }

    /// <summary>The scale (decimal places) of the asset: <c>EUR/2</c> → 2, <c>EUR</c> → 0.</summary>
    public static int ScaleOf(string asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? 0 : int.Parse(asset[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public static string WithScale(string baseAsset, int scale) =>
        scale == 0 ? baseAsset : string.Create(CultureInfo.InvariantCulture, $"{baseAsset}/{scale}");

    /// <summary>The store name of a colored asset: <c>USD/4</c> colored <c>COL</c> is <c>USD_COL/4</c>; no color leaves it.</summary>
    public static string Colored(string asset, string? color)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (string.IsNullOrEmpty(color))
            return asset;
        var slash = asset.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? $"{asset}_{color}" : $"{asset[..slash]}_{color}{asset[slash..]}";
    }
}
