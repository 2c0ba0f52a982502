using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// Applies the numbered SQL scripts embedded from <c>Postgres/Migrations</c> with DbUp, each in its
/// own transaction, recording them in the <c>walletflow_schema_versions</c> journal. Idempotent, and
/// serialised across processes by an advisory lock, so two hosts starting together cannot race.
/// </summary>
public sealed class DatabaseMigrator(WalletFlowDatabase database, ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "walletflow_schema_versions";
    private const long MigrationLockKey = 0x57_46_4D_49_47; // "WFMIG"
    private static readonly Assembly ScriptAssembly = typeof(DatabaseMigrator).Assembly;
    private static readonly string ScriptPrefix = typeof(DatabaseMigrator).Namespace + ".Migrations.";

    /// <summary>The embedded script names, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = ScriptAssembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ScriptPrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
        .Select(n => n[ScriptPrefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>Applies every script not yet in the journal; returns the names it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        // A session-level lock lives as long as the session, and a pooled connection's session outlives
        // its Close: this connection is unpooled, so the lock also ends if this process dies.
        var unpooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(unpooled);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", lockConnection))
        {
            take.Parameters.AddWithValue(MigrationLockKey);
            await take.ExecuteNonQueryAsync(ct);
        }

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(database.ConnectionString)
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .JournalToPostgresqlTable("public", JournalTable)
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);

        var applied = result.Scripts.Select(s => s.Name[ScriptPrefix.Length..]).ToList();
        logger.LogInformation("Database schema is current ({Applied} applied now, {Total} in all)", applied.Count, ScriptNames.Count);
        return applied;
    }

    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) => logger.LogDebug("{DbUp}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogInformation(string format, params object[] args) => logger.LogDebug("{DbUp}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUp}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(string format, params object[] args) => logger.LogError("{DbUp}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{DbUp}", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
