using System.Reflection;
using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using DbUp.Support;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// Brings the schema up to date with DbUp, in one run serialised across processes by an advisory
/// lock, so two hosts starting together cannot race. First the numbered scripts embedded from
/// <c>Postgres/Migrations</c> (tables and data), each once, in its own transaction, recorded in the
/// <c>walletflow_schema_versions</c> journal; then every script embedded from <c>Postgres/Functions</c>,
/// on every run, never journaled; last the service role's grants (<see cref="ServiceRole"/>). It runs
/// as the schema's owner (<see cref="WalletFlowDatabase.OwnerConnectionString"/>), never as the service.
/// </summary>
/// <remarks>
/// <para>The function scripts are where each plpgsql function's current definition lives: one file per
/// function, named <c>schema.function.sql</c>, holding one <c>CREATE OR REPLACE FUNCTION</c>. Change a
/// function by editing its file, not by a numbered migration (those that created the first ones,
/// 0004, 0005 and 0009, stay as they landed; these scripts replace what they left). Adding a function
/// is adding a file: the folder is embedded by a wildcard and every file in it runs. Files run after
/// the numbered migrations, in ordinal file-name order, each in its own transaction; plpgsql resolves
/// the functions and tables a body names when it is called, not when it is created, so the order
/// among them does not matter.</para>
/// <para><c>CREATE OR REPLACE</c> cannot change a function's argument types, argument names or result
/// (OUT parameters, <c>RETURNS</c>): with other argument types it would add an overload beside the old
/// one, otherwise it fails. A file that changes its function's signature therefore starts with
/// <c>DROP FUNCTION IF EXISTS schema.function(old argument types);</c> and keeps that line (a no-op once
/// it has run everywhere). Removing a function is a numbered migration that drops it, with its file
/// deleted in the same change. A numbered migration must not rely on a function's current body: it
/// runs before the function scripts, against what the database held before this run.</para>
/// </remarks>
public sealed class DatabaseMigrator(WalletFlowDatabase database, ILogger<DatabaseMigrator> logger)
{
    public const string JournalTable = "walletflow_schema_versions";
    private const long MigrationLockKey = 0x57_46_4D_49_47; // "WFMIG"
    private static readonly Assembly ScriptAssembly = typeof(DatabaseMigrator).Assembly;
    private static readonly string MigrationPrefix = typeof(DatabaseMigrator).Namespace + ".Migrations.";
    private static readonly string FunctionPrefix = typeof(DatabaseMigrator).Namespace + ".Functions.";

    /// <summary>The numbered migrations (file names), in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames { get; } = EmbeddedScripts(MigrationPrefix);

    /// <summary>The function scripts (file names, <c>schema.function.sql</c>), in the order every run re-applies them.</summary>
    public static IReadOnlyList<string> FunctionScriptNames { get; } = EmbeddedScripts(FunctionPrefix);

    /// <summary>
    /// Applies every numbered migration not yet in the journal, then re-applies every function script;
    /// returns the names of the numbered migrations it applied.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct)
    {
        // A session-level lock lives as long as the session, and a pooled connection's session outlives
        // its Close: this connection is unpooled, so the lock also ends if this process dies.
        var unpooled = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(unpooled);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", lockConnection))
        {
            take.Parameters.AddWithValue(MigrationLockKey);
            await take.ExecuteNonQueryAsync(ct);
        }

        // DbUp orders by run group, then name: the function scripts form the group after the migrations'.
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(database.OwnerConnectionString)
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, IsScript(MigrationPrefix),
                new SqlScriptOptions { ScriptType = ScriptType.RunOnce, RunGroupOrder = DbUpDefaults.DefaultRunGroupOrder })
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, IsScript(FunctionPrefix),
                new SqlScriptOptions { ScriptType = ScriptType.RunAlways, RunGroupOrder = DbUpDefaults.DefaultRunGroupOrder + 1 })
            .WithScriptSorter(scripts => scripts
                .OrderBy(s => s.SqlScriptOptions.RunGroupOrder)
                .ThenBy(s => s.Name, StringComparer.Ordinal))
            .JournalToPostgresqlTable("public", JournalTable)
            .WithTransactionPerScript()
            .LogTo(new UpgradeLog(logger))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        await ServiceRole.ApplyAsync(lockConnection, logger, ct);

        var applied = result.Scripts
            .Where(s => s.Name.StartsWith(MigrationPrefix, StringComparison.Ordinal))
            .Select(s => s.Name[MigrationPrefix.Length..])
            .ToList();
        logger.LogInformation("Database schema is current ({Applied} applied now, {Total} in all; {Functions} function scripts re-applied)",
            applied.Count, ScriptNames.Count, FunctionScriptNames.Count);
        return applied;
    }

    private static Func<string, bool> IsScript(string prefix) =>
        name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal);

    private static List<string> EmbeddedScripts(string prefix) => ScriptAssembly.GetManifestResourceNames()
        .Where(IsScript(prefix))
        .Select(n => n[prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

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
