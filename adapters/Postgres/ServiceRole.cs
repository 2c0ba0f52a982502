using Microsoft.Extensions.Logging;
using Npgsql;

namespace WalletFlow.Adapters.Postgres;

/// <summary>
/// The least-privileged role walletflow serves as: it inserts into the ledger but cannot update or
/// delete its history (design: append-only, enforced by PostgreSQL). What it may do is one file,
/// <c>Postgres/Grants/walletflow_service.sql</c>, applied by every migrate run and printed by
/// <c>walletflow migrate</c>. The private cluster logs in as this role; on a server of your own the
/// login in <c>ConnectionStrings:WalletFlow</c> is made a member of it.
/// </summary>
public static class ServiceRole
{
    public const string Name = "walletflow_service";

    /// <summary>The grants, as SQL the schema's owner runs (idempotent).</summary>
    public static string GrantsScript { get; } = ReadGrants();

    /// <summary>
    /// Creates the role (NOLOGIN: a role of rights, not a login) when it is missing, then applies the
    /// grants. A migrating login that may not create roles gets a warning instead, and the service
    /// keeps whatever rights it had: the owner's own connection still works, as before this role.
    /// </summary>
    public static async Task ApplyAsync(NpgsqlConnection owner, ILogger logger, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = $1", owner))
        {
            exists.Parameters.AddWithValue(Name);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                try
                {
                    await using var create = new NpgsqlCommand($"CREATE ROLE {Name} NOLOGIN", owner);
                    await create.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
                {
                    // Roles are cluster-wide: a migration of another database made it meanwhile.
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    logger.LogWarning("The role {Role} does not exist and {User} may not create it: the grants the service needs were not applied. "
                        + "Create it (CREATE ROLE {Role} NOLOGIN) and run walletflow migrate again; walletflow migrate prints the grants.",
                        Name, owner.UserName, Name);
                    return;
                }
            }
        }
        await using var transaction = await owner.BeginTransactionAsync(ct);
        await using (var grants = new NpgsqlCommand(GrantsScript, owner, transaction))
            await grants.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static string ReadGrants()
    {
        var assembly = typeof(ServiceRole).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{typeof(ServiceRole).Namespace}.Grants.{Name}.sql")
            ?? throw new InvalidOperationException($"The grants script Postgres/Grants/{Name}.sql is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
