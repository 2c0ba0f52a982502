using Npgsql;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>One statement of a store write, kept as text and arguments so it can run in a group's batch or, if the group fails, alone.</summary>
internal sealed record SqlStatement(string Text, params object?[] Arguments)
{
    public NpgsqlBatchCommand ToCommand() => Sql.Command(Text, Arguments);
}
