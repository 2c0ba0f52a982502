using WalletFlow.Tests.Integration.Api;
using WalletFlow.Tests.Integration.Infrastructure;

namespace WalletFlow.Tests.Integration.Identity;

/// <summary>The real host without the per-client rate limit (the tables below send many requests with one key).</summary>
public sealed class IdentityApiFixture(PostgresServer server) : ApiFixture(server, ["--RateLimits:MovementsPerSecond=0", "--Identity:KeyCacheSeconds=0"]);
