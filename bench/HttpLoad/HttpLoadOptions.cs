using System.Globalization;

namespace WalletFlow.Bench.HttpLoad;

/// <summary>Command-line options of <c>http-load</c>; see bench/README.md, section "http-load".</summary>
internal sealed class HttpLoadOptions
{
    /// <summary>Measured seconds per phase (pgbench -T and every HTTP window alike).</summary>
    public int DurationSeconds { get; private set; } = 15;

    /// <summary>Unmeasured seconds of load before each HTTP window (connections, pools, JIT).</summary>
    public int WarmupSeconds { get; private set; } = 3;

    /// <summary>Phase-name filters (comma-separated, substrings); empty runs every phase.</summary>
    public IReadOnlyList<string> PhaseFilters { get; private set; } = [];

    /// <summary>
    /// Max Pool Size of each of the host's two Npgsql pools. 40 keeps both (80) under the cluster's
    /// max_connections of 100, as an operator would size them; 100 is Npgsql's default.
    /// </summary>
    public int HostPool { get; private set; } = 40;

    /// <summary>
    /// OpenTelemetry in the host: on (the default, as <c>serve</c> runs: /metrics scraped every 15 s, and traces,
    /// metrics and logs exported over OTLP/HTTP to a sink in this process) or off (<c>Telemetry:Enabled=false</c>).
    /// </summary>
    public bool Telemetry { get; private set; } = true;

    /// <summary>Keep the cluster's directory (data, host.log) afterwards.</summary>
    public bool Keep { get; private set; }

    public bool Selects(string phase) =>
        PhaseFilters.Count == 0 || PhaseFilters.Any(f => phase.Contains(f, StringComparison.OrdinalIgnoreCase));

    public static HttpLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HttpLoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextPositive() => int.Parse(Next(), CultureInfo.InvariantCulture) is var n and > 0 ? n : throw new ArgumentException($"{args[i - 1]} must be positive");
            switch (args[i])
            {
                case "--duration": options.DurationSeconds = NextPositive(); break;
                case "--warmup": options.WarmupSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) is var w and >= 0 ? w : throw new ArgumentException("--warmup must not be negative"); break;
                case "--phases": options.PhaseFilters = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                case "--host-pool": options.HostPool = NextPositive(); break;
                case "--keep": options.Keep = true; break;
                case "--telemetry":
                    options.Telemetry = Next() switch
                    {
                        "on" => true,
                        "off" => false,
                        var other => throw new ArgumentException($"--telemetry is on or off, not {other}"),
                    };
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}; see bench/README.md, section http-load");
            }
        }
        return options;
    }
}
