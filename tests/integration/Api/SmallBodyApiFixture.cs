using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Api;

/// <summary>The host with <c>Api:MaxBodyBytes</c> set to 2048.</summary>
public sealed class SmallBodyApiFixture(PostgresServer server) : ApiFixture(server, ["--Api:MaxBodyBytes=2048"]);
