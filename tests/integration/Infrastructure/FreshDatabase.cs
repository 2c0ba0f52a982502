using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WalletFlow.Adapters.Postgres;

namespace WalletFlow.Tests.Integration.Infrastructure;

/// <summary>
/// A database of its own for one test class (use as <c>IClassFixture&lt;FreshDatabase&gt;</c>), created
/// on the run's <see cref="PostgresServer"/> and dropped afterwards. Not migrated until a test asks.
/// </summary>
public sealed class FreshDatabase(PostgresServer server) : IAsyncLifetime
{
    public string Name { get; } = $"wf_test_{Guid.NewGuid():N}";

    // One per database, so hosts started on it one after another (or side by side) share the login.
    private readonly string _servicePassword = Guid.NewGuid().ToString("N");

    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public PostgresServer Server => server;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        // A bounded pool, as a service has: parallel tests queue for connections instead of exhausting the server.
        ConnectionString = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = Name, MaxPoolSize = 20 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>Runs walletflow's migrations on this database, as <c>serve</c> and <c>migrate</c> do.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [PostgresOptions.ConnectionStringKey] = ConnectionString })
            .Build();
        await using var database = new WalletFlowDatabase(configuration, Options.Create(new PostgresOptions()), NullLogger<WalletFlowDatabase>.Instance);
        await database.StartAsync(CancellationToken.None);
        return await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    /// <summary>
    /// After <see cref="MigrateAsync"/>: a connection string for a login of this database's own that is a
    /// member of the service role (<see cref="ServiceRole.Name"/>), as an operator sets up on a server of
    /// their own — what walletflow runs as, with exactly the service's grants.
    /// </summary>
    public async Task<string> ServiceConnectionStringAsync()
    {
        var login = Name + "_svc";
        var password = _servicePassword;
        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            // Utility statements take no parameters; the name and password are hex digits and underscores.
            await using var create = new NpgsqlCommand($"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') THEN
                        CREATE ROLE {login} LOGIN PASSWORD '{password}' IN ROLE {ServiceRole.Name};
                    ELSE
                        ALTER ROLE {login} PASSWORD '{password}';
                    END IF;
                END $$
                """, admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Username = login, Password = password }.ConnectionString;
    }

    /// <summary>
    /// The host's database arguments as an operator of a server of their own sets them for least
    /// privilege: walletflow runs as a member of the service role, the owner migrates. Migrates first.
    /// </summary>
    public async Task<string[]> ServiceArgumentsAsync()
    {
        await MigrateAsync();
        return [$"--{PostgresOptions.ConnectionStringKey}={await ServiceConnectionStringAsync()}", $"--{PostgresOptions.OwnerConnectionStringKey}={ConnectionString}"];
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE); DROP ROLE IF EXISTS {Name}_svc", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
