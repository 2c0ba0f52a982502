using System.Diagnostics;
using Npgsql;

namespace WalletFlow.Adapters.Telemetry;

/// <summary>
/// How walletflow builds each of its Npgsql pools: named (the name is <c>db.client.connection.pool.name</c>
/// in the connection metrics: <c>walletflow-ledger</c>, <c>walletflow-commands</c>, <c>walletflow-durable</c>),
/// and tracing a statement only inside a span. A movement's or a saga step's SQL is in its trace; the
/// background loops' polls (log sealer, outbox relay, the durable store's leases) would otherwise each
/// start a trace of their own several times a second.
/// </summary>
public static class NamedDataSource
{
    public static NpgsqlDataSource Build(string connectionString, string name)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
        builder.ConfigureTracing(tracing => tracing
            .ConfigureCommandFilter(_ => Activity.Current is not null)
            .ConfigureBatchFilter(_ => Activity.Current is not null));
        return builder.Build();
    }
}
