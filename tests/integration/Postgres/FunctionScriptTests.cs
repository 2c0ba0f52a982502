using System.Text.RegularExpressions;
using Npgsql;
using WalletFlow.Adapters.Postgres;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Postgres;

/// <summary>
/// Each plpgsql function's current definition lives in one file of adapters/Postgres/Functions,
/// re-applied on every migrate run (style.md, "Do this, not that" 8): the database holds exactly the
/// functions those files define, as written there, whatever the numbered migrations or a hand left.
/// </summary>
public partial class FunctionScriptTests(FreshDatabase database) : IClassFixture<FreshDatabase>
{
    // Every function the schema owns: not PostgreSQL's own, not an extension's.
    private const string OwnFunctionsSql = """
        SELECT n.nspname || '.' || p.proname, p.oid::regprocedure::text, p.prosrc, pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
          AND p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY 2
        """;

    [Fact]
    public async Task Every_function_of_a_fresh_database_has_exactly_one_script_and_every_script_exactly_one_function()
    {
        await database.MigrateAsync();
        var functions = await OwnFunctionsAsync();

        // The folder on disk is what the build embeds: a new file needs no code change to run.
        Assert.Equal(ScriptFiles().Select(Path.GetFileName), DatabaseMigrator.FunctionScriptNames);
        Assert.Contains("ledger.write_transaction.sql", DatabaseMigrator.FunctionScriptNames);

        // One row per function (an overload left behind by a changed signature would be a second row).
        Assert.Equal(
            DatabaseMigrator.FunctionScriptNames.Select(f => f[..^".sql".Length]),
            functions.Select(f => f.QualifiedName).Order(StringComparer.Ordinal));
        foreach (var file in ScriptFiles())
        {
            var defined = CreateFunction().Matches(await ReadAsync(file)).Select(m => m.Groups["name"].Value).ToList();
            Assert.Equal([Path.GetFileNameWithoutExtension(file)], defined);
        }
    }

    [Fact]
    public async Task Each_function_in_the_database_is_its_script_as_written()
    {
        await database.MigrateAsync();
        var ct = TestContext.Current.CancellationToken;
        var functions = (await OwnFunctionsAsync()).ToDictionary(f => f.QualifiedName);

        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var file in ScriptFiles())
        {
            var script = await ReadAsync(file);
            var stored = functions[Path.GetFileNameWithoutExtension(file)];
            // The body PostgreSQL stores is the text between the script's dollar quotes, byte for byte.
            Assert.Equal(Body().Match(script).Groups["body"].Value, stored.Source);

            // And the whole definition (arguments, result, language, volatility, body): running the
            // script again changes nothing.
            await using (var rerun = new NpgsqlCommand(script, connection, transaction))
                await rerun.ExecuteNonQueryAsync(ct);
            await using var read = new NpgsqlCommand("SELECT pg_get_functiondef($1::regprocedure)", connection, transaction);
            read.Parameters.AddWithValue(stored.Signature);
            Assert.Equal(stored.Definition, await read.ExecuteScalarAsync(ct));
        }
        await transaction.RollbackAsync(ct);
    }

    [Fact]
    public async Task Migrating_twice_applies_no_migration_journals_no_function_script_and_keeps_every_definition()
    {
        await database.MigrateAsync();
        var ct = TestContext.Current.CancellationToken;
        var before = await OwnFunctionsAsync();

        Assert.Empty(await database.MigrateAsync());

        Assert.Equal(before, await OwnFunctionsAsync());
        await using var journal = database.DataSource.CreateCommand(
            $"SELECT scriptname FROM public.{DatabaseMigrator.JournalTable} ORDER BY schemaversionsid");
        var journaled = new List<string>();
        await using (var reader = await journal.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                journaled.Add(reader.GetString(0));
        Assert.Equal(DatabaseMigrator.ScriptNames.Count, journaled.Count);
        Assert.DoesNotContain(journaled, name => name.Contains(".Functions.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_changed_or_dropped_by_hand_is_restored_by_the_next_migrate_run()
    {
        await database.MigrateAsync();
        var ct = TestContext.Current.CancellationToken;
        var before = await OwnFunctionsAsync();

        await using (var tamper = database.DataSource.CreateCommand("""
            CREATE OR REPLACE FUNCTION ledger.write_transaction(
                p_ledger text, p_sources text[], p_destinations text[], p_assets text[], p_amounts numeric[],
                p_check_funds boolean, p_timestamp timestamptz, p_inserted_at timestamptz, p_reference text,
                p_metadata jsonb, p_account_metadata jsonb, p_log_type text, p_log_data text, p_id_placeholder text,
                p_idempotency_key text, p_request_hash bytea,
                OUT tx_id bigint, OUT pre jsonb, OUT post jsonb)
            LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'hot-fixed by hand'; END $$;
            DROP FUNCTION ledger.apply_postings(jsonb, text[], text[], text[], numeric[], boolean);
            """))
            await tamper.ExecuteNonQueryAsync(ct);
        var tampered = await OwnFunctionsAsync();
        Assert.DoesNotContain(tampered, f => f.QualifiedName == "ledger.apply_postings");
        Assert.Contains("hot-fixed by hand", tampered.Single(f => f.QualifiedName == "ledger.write_transaction").Source, StringComparison.Ordinal);

        Assert.Empty(await database.MigrateAsync());

        Assert.Equal(before, await OwnFunctionsAsync());
    }

    private sealed record StoredFunction(string QualifiedName, string Signature, string Source, string Definition);

    private async Task<List<StoredFunction>> OwnFunctionsAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var command = database.DataSource.CreateCommand(OwnFunctionsSql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var functions = new List<StoredFunction>();
        while (await reader.ReadAsync(ct))
            functions.Add(new StoredFunction(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return functions;
    }

    private static async Task<string> ReadAsync(string file) =>
        (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");

    private static List<string> ScriptFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WalletFlow.sln")))
            root = root.Parent;
        Assert.NotNull(root);
        return Directory.GetFiles(Path.Combine(root.FullName, "adapters", "Postgres", "Functions"), "*.sql")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"^\s*CREATE\s+OR\s+REPLACE\s+FUNCTION\s+(?<name>[a-z0-9_]+\.[a-z0-9_]+)\s*\(", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CreateFunction();

    [GeneratedRegex(@"\bAS\s+\$\$(?<body>.*)\$\$\s*;\s*$", RegexOptions.Singleline)]
    private static partial Regex Body();
}
