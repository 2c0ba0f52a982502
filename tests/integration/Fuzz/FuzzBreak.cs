namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// The one thing a generated request is sure to get wrong, so that it must be refused (4xx) and can
/// move no money whatever else the fuzzer does to it. Each endpoint of <see cref="FuzzEndpoints"/>
/// lists the breaks that are sure for it; the rest of the hostility (<see cref="FuzzNoise"/>) comes on top.
/// </summary>
public enum FuzzBreak
{
    // Identity: 401 or 403.
    NoCredentials,
    UnknownKey,
    NotBearer,
    TwoAuthorizationHeaders,
    WrongScope,

    // The request line and the body as a whole: 405, 413, 415, 400.
    WrongMethod,
    NotJson,
    MalformedJson,
    RandomBytes,
    DeepNesting,
    LargeBody,
    EmptyBody,

    // A field or a header: 400 or 422.
    WrongJsonType,
    HostileId,
    HostileAmount,
    NoIdempotencyKey,
    BadIdempotencyKey,

    // The path and the query: 400 or 404.
    HostilePathId,
    UnknownResource,
    HostileQuery,

    // The ledger API: an unknown or impossible ledger, a script that cannot parse.
    UnknownLedger,
    HostileLedgerName,
    ExistingLedger,
    BrokenScript,

    // The provider webhook: 401 or 404.
    UnsignedWebhook,
    ForgedSignature,
    StaleSignature,
    UnknownProvider,
    SignedHostileBody,
}
