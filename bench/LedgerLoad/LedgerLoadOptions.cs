using System.Globalization;

namespace WalletFlow.Bench.LedgerLoad;

/// <summary>Command-line options of <c>ledger-load</c>; see bench/README.md.</summary>
internal sealed class LedgerLoadOptions
{
    /// <summary>Measured seconds per throughput phase (pgbench -T and the walletflow window alike).</summary>
    public int DurationSeconds { get; private set; } = 20;

    /// <summary>Unmeasured seconds of walletflow load before each window (pool and JIT warm-up).</summary>
    public int WarmupSeconds { get; private set; } = 3;

    /// <summary>Single-client transfers timed at each ledger size.</summary>
    public int LatencyCount { get; private set; } = 2000;

    /// <summary>Postings in the latency ledger for the small and the large measurement.</summary>
    public long SmallPostings { get; private set; } = 10_000;

    /// <summary>Postings in the latency ledger for the large measurement.</summary>
    public long LargePostings { get; private set; } = 1_000_000;

    /// <summary>Postings per seeding transaction (seeding goes through the engine's API).</summary>
    public int PostingsPerSeedTransaction { get; private set; } = 1000;

    /// <summary>pgbench -i scale factor of the tpcb-like database.</summary>
    public int PgbenchScale { get; private set; } = 32;

    /// <summary>pgbench -j threads.</summary>
    public int PgbenchThreads { get; private set; } = 2;

    /// <summary>Send an Idempotency-Key with every walletflow transfer, as the Formance adapter does.</summary>
    public bool IdempotencyKeys { get; private set; }

    /// <summary>Skip the throughput phases (latency only).</summary>
    public bool SkipThroughput { get; private set; }

    /// <summary>Skip the latency phases (throughput only).</summary>
    public bool SkipLatency { get; private set; }

    /// <summary>Profiling aid: run only walletflow's load phases (no pgbench, no pgledger, no ratios).</summary>
    public bool WalletFlowOnly { get; private set; }


    /// <summary>Npgsql Max Auto Prepare for walletflow's data source: 32, as AddWalletFlow sets it for the host (0 turns it off).</summary>
    public int MaxAutoPrepare { get; private set; } = 32;

    /// <summary>Keep the cluster's data directory afterwards.</summary>
    public bool Keep { get; private set; }

    public static LedgerLoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LedgerLoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--duration": options.DurationSeconds = NextInt(); break;
                case "--warmup": options.WarmupSeconds = NextInt(); break;
                case "--latency-count": options.LatencyCount = NextInt(); break;
                case "--small-postings": options.SmallPostings = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--large-postings": options.LargePostings = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed-batch": options.PostingsPerSeedTransaction = NextInt(); break;
                case "--pgbench-scale": options.PgbenchScale = NextInt(); break;
                case "--pgbench-threads": options.PgbenchThreads = NextInt(); break;
                case "--idempotency-keys": options.IdempotencyKeys = true; break;
                case "--skip-throughput": options.SkipThroughput = true; break;
                case "--skip-latency": options.SkipLatency = true; break;
                case "--walletflow-only": options.WalletFlowOnly = true; break;
                case "--auto-prepare": options.MaxAutoPrepare = NextInt(); break;
                case "--keep": options.Keep = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}; see bench/README.md");
            }
        }
        return options;
    }
}
