using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using WalletFlow.Core.Reports;

namespace WalletFlow.Host.Ops;

/// <summary>
/// One currency's ALM position as a server-rendered SVG: two stacked bars on one scale, customer
/// liabilities (wallets, holds, reserves) above the assets that cover them (banks, pools, custody,
/// clearing), each segment labelled with its amount. No script, so it prints and screenshots as seen.
/// </summary>
public static class AlmChart
{
    private const int Width = 560;
    private const int BarLeft = 150;
    private const int BarWidth = Width - BarLeft - 10;

    public static string Svg(AlmPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        (string Name, BigInteger Amount, string Colour)[] liabilities =
        [
            ("wallets", position.WalletsMain, "#2f6fb0"), ("holds", position.Holds, "#6c9fd4"), ("reserves", position.Reserves, "#a9c8ea"),
        ];
        (string Name, BigInteger Amount, string Colour)[] assets =
        [
            ("banks", position.Banks, "#2e8b57"), ("pools", position.Pools, "#5fb583"), ("custody", position.Custody, "#98d3ae"), ("clearing", position.Clearing, "#c9e9d4"),
        ];
        var scale = BigInteger.Max(Sum(liabilities), Sum(assets));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"alm\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"150\" viewBox=\"0 0 {Width} 150\" role=\"img\" aria-label=\"{Encode(position.Currency)} liabilities and assets\">");
        Bar(svg, 10, "customer liabilities", liabilities, scale, position.Asset);
        Bar(svg, 80, "covering assets", assets, scale, position.Asset);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, int top, string label, (string Name, BigInteger Amount, string Colour)[] parts, BigInteger scale, string asset)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{top + 20}\" font-size=\"12\">{Encode(label)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{BarLeft}\" y=\"{top}\" width=\"{BarWidth}\" height=\"30\" fill=\"#f1f3f5\" />");
        var x = (double)BarLeft;
        var legend = new List<string>();
        foreach (var (name, amount, colour) in parts)
        {
            var magnitude = BigInteger.Abs(amount);
            if (magnitude.IsZero || scale.IsZero)
                continue;
            var width = (double)magnitude / (double)scale * BarWidth;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.##}\" y=\"{top}\" width=\"{width:0.##}\" height=\"30\" fill=\"{colour}\"><title>{Encode(name)} {Encode(OpsText.Ledger(amount, asset))}</title></rect>");
            x += width;
            legend.Add($"{name} {OpsText.Ledger(magnitude, asset)}");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{BarLeft}\" y=\"{top + 46}\" font-size=\"11\">{Encode(legend.Count == 0 ? "none" : string.Join(" · ", legend))}</text>");
    }

    private static BigInteger Sum((string Name, BigInteger Amount, string Colour)[] parts) => parts.Aggregate(BigInteger.Zero, (s, p) => s + BigInteger.Abs(p.Amount));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
