using System.Globalization;

namespace WalletFlow.Chaos;

/// <summary>
/// How the harness runs a walletflow child: the Postgres durable backend with a short lease (so a
/// killed process's work is taken over within seconds), the harness's payment rail as provider
/// <c>sandbox</c> (the in-process rail is off: its state would die with the child), a requery
/// budget short enough that ambiguous-forever payouts reach manual review during a run.
/// </summary>
/// <param name="ConnectionString">The shared database.</param>
/// <param name="Port">The child's loopback port: the same across restarts, so the rail's webhook URL stays right.</param>
/// <param name="RailUrl">The harness rail's base URL.</param>
/// <param name="WebhookSecret">The key the rail signs its callbacks with.</param>
public sealed record ChaosHostSettings(string ConnectionString, int Port, Uri RailUrl, string WebhookSecret)
{
    public int LeaseSeconds { get; init; } = 5;
    public int MaxPoolSize { get; init; } = 20;
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);
    public int MaxRequeries { get; init; } = 3;
    public TimeSpan FirstRequeryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public int BackoffFactor { get; init; } = 2;
    public TimeSpan MaxRequeryDelay { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan SubmitTimeout { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>More settings for the child (<c>--Section:Key=value</c>), after the harness's own.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public Uri BaseAddress => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Where the rail posts its callbacks for this child.</summary>
    /// <summary>
    /// Where the first child to start on this database writes its admin API key (the first-start
    /// bootstrap); every child of one database names the same file, and the client reads it.
    /// </summary>
    public string AdminKeyPath
    {
        get
        {
            var c = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            return Path.Combine(Path.GetTempPath(), $"walletflow-chaos-{c.Host}-{c.Port.ToString(CultureInfo.InvariantCulture)}-{c.Database}.key");
        }
    }

    public Uri WebhookUrl => new(BaseAddress, "v1/providers/sandbox/webhook");

    public IReadOnlyList<string> Arguments =>
    [
        "serve",
        "--urls", BaseAddress.ToString().TrimEnd('/'),
        "--Durable:Backend=Postgres",
        $"--Identity:AdminKeyPath={AdminKeyPath}",
        "--RateLimits:MovementsPerSecond=0",
        $"--Durable:LeaseSeconds={LeaseSeconds.ToString(CultureInfo.InvariantCulture)}",
        $"--Postgres:MaxPoolSize={MaxPoolSize.ToString(CultureInfo.InvariantCulture)}",
        $"--Payouts:SweepInterval={SweepInterval:c}",
        $"--Payouts:MaxRequeries={MaxRequeries.ToString(CultureInfo.InvariantCulture)}",
        $"--Payouts:FirstRequeryDelay={FirstRequeryDelay:c}",
        $"--Payouts:BackoffFactor={BackoffFactor.ToString(CultureInfo.InvariantCulture)}",
        $"--Payouts:MaxRequeryDelay={MaxRequeryDelay:c}",
        "--Payments:Sandbox:Enabled=false",
        $"--Payments:Providers:sandbox:BaseUrl={RailUrl}",
        "--Payments:Providers:sandbox:Currencies=NGN",
        $"--Payments:Providers:sandbox:SubmitTimeout={SubmitTimeout:c}",
        $"--Payments:Providers:sandbox:QueryTimeout={QueryTimeout:c}",
        $"--Payments:Providers:sandbox:WebhookSecret={WebhookSecret}",
        "--Logging:LogLevel:Default=Warning",
        .. ExtraArguments,
    ];
}
