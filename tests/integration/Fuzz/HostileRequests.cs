using System.Globalization;
using System.Text;
using WalletFlow.Adapters.Ledger;
using WalletFlow.Core.Accounts;
using WalletFlow.Core.Identity;
using static WalletFlow.Tests.Integration.Fuzz.FuzzBreak;
using Draft = WalletFlow.Tests.Integration.Fuzz.HostileRequestDraft;

namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>
/// A seeded generator of hostile requests (issue 16 §7). Each request targets one endpoint of
/// <see cref="FuzzEndpoints"/>, starts from a body that would pass, carries up to three kinds of
/// <see cref="FuzzNoise"/> and then one <see cref="FuzzBreak"/> from the endpoint's list, applied
/// last so no noise can undo it: whatever key it carries, the request must be refused and move nothing.
/// The same seed, credentials and clock give the same requests.
/// </summary>
public sealed class HostileRequests(int seed, FuzzCredentials credentials, DateTimeOffset now, IReadOnlyList<FuzzEndpoint>? endpoints = null)
{
    private static readonly string[] Currencies = ["NGN", "KES", "GHS", "USD"];
    private static readonly string[] NoiseFieldNames = ["__proto__", "constructor", "$where", "actor", "force", "approvedBy", "id", "walletid", "WALLETID", "amount ", ""];
    private static readonly string[] PathIds = ["walletId", "payoutId", "holdId", "cutoverId", "correctionId", "address"];
    private static readonly string[] WrongMethods = ["PATCH", "PURGE"];
    private static readonly string[] JsonTypesThatAreNotObjects = ["[]", "[{}]", "1", "\"x\"", "true", "null"];
    // Checked against the rules themselves, so a catalogue entry that happens to be valid ("null" was) cannot move money.
    private static readonly string[] ImpossibleIds = [.. HostileValues.Ids.Where(id => id.Length > 64 || !AccountAddress.IsValidSegment(id))];
    private static readonly string[] AddressLikeIds = [.. HostileValues.Ids.Where(id => !LedgerSyntax.IsAddress(id))];
    private static readonly string[] ImpossibleLedgerNames = [.. HostileValues.Ids.Where(id => !LedgerSyntax.IsLedgerName(id)), new string('l', 64)];
    private static readonly string[] HostileLedgerAmounts = ["-1", "1e400", "-1e400", "1.5", "\"100\"", "\"abc\"", "true", "[]", "{}", HostileValues.TenToThe(80), "-" + HostileValues.TenToThe(80), HostileValues.TenToThe(5000)];
    private static readonly string[] HostileAssets = ["", "ngn/2", "NGN/-2", "NGN/2\n", "NGN/\u0662", "NGN/1234567", "NGN/2/2", "'; DROP TABLE x;--", "\u202ENGN"];
    private static readonly string[] PageSizes = ["-1", "abc", "1e400", "99999999999999999999", "1.5", " 1", "\u0661", "0x10"];
    private static readonly string[] ImpossibleAsOf = ["abc", "'; DROP TABLE x;--", "99999999999999999999", "2026-13-45T00:00:00Z", "-1", "1e400", "\u202E1", "\u0661"];

    private readonly Random _random = new(seed);
    private readonly IReadOnlyList<FuzzEndpoint> _endpoints = [.. (endpoints ?? FuzzEndpoints.All).SelectMany(e => Enumerable.Repeat(e, e.Weight))];
    private int _number;

    public int Seed => seed;

    public IEnumerable<HostileRequest> Take(int count)
    {
        for (var i = 0; i < count; i++)
            yield return Next();
    }

    public HostileRequest Next()
    {
        var endpoint = Pick(_endpoints);
        var brk = Pick(endpoint.Breaks);
        var draft = Start(endpoint);
        var noise = Enum.GetValues<FuzzNoise>().Where(n => Applies(n, brk, draft)).OrderBy(_ => _random.Next()).Take(_random.Next(4));
        foreach (var n in noise)
        {
            AddNoise(n, draft);
            draft.Noise.Add(n);
        }
        Break(brk, draft);
        return draft.Build(_number++, brk, credentials, now, _random);
    }

    // A request that would pass (or be refused only for what does not exist yet): the admin key, a fresh idempotency key, valid fields.
    private Draft Start(FuzzEndpoint endpoint)
    {
        var draft = new Draft(endpoint);
        if (endpoint.Surface != FuzzSurface.Webhook)
            draft.SetHeader("Authorization", "Bearer " + credentials.AdminKey);
        if (endpoint.Breaks.Contains(NoIdempotencyKey) || (endpoint.Surface == FuzzSurface.Ledger && endpoint.Method == "POST" && Chance(2)))
            draft.SetHeader("Idempotency-Key", "fz-" + Hex(12));
        draft.PathValues["walletId"] = FreshId();
        draft.PathValues["payoutId"] = FreshId();
        draft.PathValues["holdId"] = FreshId();
        draft.PathValues["cutoverId"] = FreshId();
        draft.PathValues["correctionId"] = FreshId();
        draft.PathValues["providerId"] = credentials.ProviderId;
        // Creating a ledger under a fresh name would succeed: every other ledger path books into the real one.
        draft.PathValues["ledger"] = endpoint.Path == "/v2/{ledger}" ? "fz" + Hex(10) : credentials.LedgerName;
        // Ids no transaction has: walletflow's own ledger may hold a few.
        draft.PathValues["id"] = _random.NextInt64(1_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        draft.PathValues["address"] = Draft.EscapeSegment($"wallets:fz{Hex(8)}:main");
        draft.PathValues["key"] = "k" + Hex(4);
        foreach (var field in endpoint.Body ?? [])
        {
            if (field.Required || Chance(2))
                draft.Members.Add(new(field.Name, Valid(field, endpoint)));
        }
        return draft;
    }

    private string Valid(FuzzField field, FuzzEndpoint endpoint) => field.Kind switch
    {
        FuzzFieldKind.Id => HostileValues.JsonString(FreshId()),
        FuzzFieldKind.Amount => HostileValues.JsonString(Pick(["10.00", "1", "0.01", "250.5"])),
        FuzzFieldKind.Currency => HostileValues.JsonString(Pick(Currencies)),
        FuzzFieldKind.Rate => HostileValues.JsonString(Pick(["1.25", "0.0006", "1500"])),
        FuzzFieldKind.Text => HostileValues.JsonString(field.Name switch
        {
            "source" => "banks:fz",
            "status" => "accepted",
            "outcome" => Pick(["settle", "release"]),
            _ when endpoint.Surface == FuzzSurface.Webhook => "sbx-" + Hex(6),
            _ => "fuzz " + Hex(4),
        }),
        _ => field.Valid ?? "null",
    };

    private static bool Applies(FuzzNoise noise, FuzzBreak brk, Draft draft) => noise switch
    {
        FuzzNoise.DuplicateKeys or FuzzNoise.UnknownFields => draft.HasBody,
        FuzzNoise.HostileText => draft.Endpoint.Body?.Any(f => f.Kind == FuzzFieldKind.Text) == true,
        FuzzNoise.HostileOptional => draft.Endpoint.Body?.Any(f => !f.Required && f.Kind != FuzzFieldKind.Raw) == true,
        FuzzNoise.TwoIdempotencyKeys => draft.Endpoint.Surface != FuzzSurface.Webhook,
        FuzzNoise.OddJsonContentType => draft.HasBody,
        // Some ledger handlers read a body only when it has a Content-Length: chunked there would drop
        // the body most breaks put in, but not the type or the size the ledger API's boundary checks.
        // (Creating a ledger ignores a chunked body: with a fresh name it would succeed.)
        FuzzNoise.Chunked => draft.HasBody && (draft.Endpoint.Surface != FuzzSurface.Ledger
            || (brk is NotJson or LargeBody && draft.Endpoint.Path != "/v2/{ledger}")),
        _ => true,
    };

    private void AddNoise(FuzzNoise noise, Draft draft)
    {
        switch (noise)
        {
            case FuzzNoise.DuplicateKeys when draft.Members.Count > 0:
                var member = Pick(draft.Members);
                var name = Chance(2) ? member.Key : member.Key.ToUpperInvariant();
                // The copy first: v1 keeps the last value of a repeated key, so the request still means what it meant.
                draft.Members.Insert(0, new(name, Chance(2) ? member.Value : HostileValues.JsonString(Pick(HostileValues.Ids))));
                break;
            case FuzzNoise.DuplicateKeys:
            case FuzzNoise.UnknownFields:
                var field = Pick(NoiseFieldNames);
                if (draft.Endpoint.Body?.Any(f => string.Equals(f.Name, field.Trim(), StringComparison.OrdinalIgnoreCase)) == true)
                    field = "x_" + field;
                draft.Members.Add(new(field, Pick(["true", "1", "{\"$gt\":\"\"}", "\"admin\"", "[\"a\"]", HostileValues.JsonString(Pick(HostileValues.Texts))])));
                break;
            case FuzzNoise.HostileText:
                var text = Pick(draft.Endpoint.Body!.Where(f => f.Kind == FuzzFieldKind.Text).ToList());
                draft.SetMember(text.Name, HostileValues.JsonString(Pick(HostileValues.Texts)));
                break;
            case FuzzNoise.HostileOptional:
                var optional = Pick(draft.Endpoint.Body!.Where(f => !f.Required && f.Kind != FuzzFieldKind.Raw).ToList());
                draft.SetMember(optional.Name, Chance(2) ? HostileValues.JsonString(Pick(HostileValues.AmountStrings)) : HostileValues.JsonString(Pick(HostileValues.Ids)));
                break;
            case FuzzNoise.TwoIdempotencyKeys:
                draft.SetHeader("Idempotency-Key", "fz-" + Hex(12), "fz-" + Hex(12));
                break;
            case FuzzNoise.HostileQueryNoise:
                draft.Query.Add(new(Pick(["__proto__[admin]", "$where", "x", "dryRun", "force", "expand", "callback"]),
                    Pick(["true", "1", "volumes", "'; DROP TABLE x;--", "\u202E", "\u0000", new string('q', 3000)])));
                break;
            case FuzzNoise.LyingHeaders:
                var (header, value) = Pick<(string, string)>(
                [
                    ("X-Forwarded-For", "127.0.0.1, '; DROP TABLE x;--"), ("X-Forwarded-Host", "evil.example"), ("X-Forwarded-Proto", "javascript"),
                    ("X-HTTP-Method-Override", "DELETE"), ("Origin", "http://evil.example"), ("Accept", "text/html;q=abc"), ("Accept-Charset", "utf-7"),
                    ("Cookie", "session=x; admin=true"), ("Range", "bytes=0-1"), ("X-Request-Id", new string('r', 4000)), ("Referer", "javascript:alert(1)"),
                    ("If-None-Match", "*"), ("Accept-Encoding", "br;q=2, gzip;q=-1"), ("Forwarded", "for=\"[::1]\";proto=gopher"),
                ]);
                draft.Headers.Add(new(header, value));
                break;
            case FuzzNoise.OddJsonContentType:
                draft.ContentType = Pick(["application/json; charset=utf-8; foo=bar", "APPLICATION/JSON", "application/json;charset=\"utf-8\"",
                    "application/problem+json", "application/vnd.walletflow+json", "application/json; charset=latin1", "application/json; charset=nope"]);
                break;
            case FuzzNoise.Chunked:
                draft.Chunked = true;
                break;
        }
    }

    private void Break(FuzzBreak brk, Draft draft)
    {
        var endpoint = draft.Endpoint;
        switch (brk)
        {
            case NoCredentials:
                draft.SetHeader("Authorization");
                break;
            case UnknownKey:
                draft.SetHeader("Authorization", "Bearer wf_" + Base64Url(43));
                break;
            case NotBearer:
                draft.SetHeader("Authorization", Pick(HostileValues.HeaderValues));
                break;
            case TwoAuthorizationHeaders:
                draft.SetHeader("Authorization", "Bearer " + credentials.AdminKey, Chance(2) ? "Bearer " + credentials.AdminKey : "Bearer wf_" + Base64Url(43));
                break;
            case WrongScope:
                draft.SetHeader("Authorization", "Bearer " + (endpoint.Scope == Scopes.WalletsRead ? credentials.ReportsReaderKey : credentials.WalletsReaderKey));
                break;
            case WrongMethod:
                draft.Method = Pick(WrongMethods);
                break;
            case NotJson:
                draft.HasBody = true;
                draft.ContentType = Pick(HostileValues.NotJsonContentTypes);
                if (Chance(3))
                    draft.RawBody = Encoding.UTF8.GetBytes("walletId=w&amount=1&currency=NGN");
                break;
            case MalformedJson:
                draft.HasBody = true;
                draft.ContentType = "application/json";
                draft.RawBody = Encoding.UTF8.GetBytes(Malformed(draft));
                break;
            case RandomBytes:
                draft.HasBody = true;
                draft.ContentType = "application/json";
                draft.RawBody = HostileValues.RandomBytes(_random, _random.Next(1, 4096));
                break;
            case DeepNesting:
                draft.HasBody = true;
                draft.ContentType = "application/json";
                if (draft.Members.Count > 0 && Chance(2))
                    draft.SetMember(Pick(draft.Members).Key, HostileValues.DeepJson(_random));
                else
                    draft.RawBody = Encoding.UTF8.GetBytes(HostileValues.DeepJson(_random));
                break;
            case LargeBody:
                draft.HasBody = true;
                draft.ContentType = "application/json";
                draft.SetMember(draft.Members.Count > 0 && Chance(2) ? Pick(draft.Members).Key : "padding", HostileValues.LargeJsonString(_random));
                break;
            case EmptyBody:
                draft.HasBody = Chance(2);
                draft.RawBody = [];
                break;
            case WrongJsonType:
                WrongType(draft);
                break;
            case HostileId when endpoint.Surface == FuzzSurface.Ledger:
                draft.SetMember("postings", Posting(Pick(["source", "destination", "asset"]) switch
                {
                    "source" => ("source", HostileValues.JsonString(Pick(AddressLikeIds))),
                    "destination" => ("destination", HostileValues.JsonString(Pick(AddressLikeIds))),
                    _ => ("asset", HostileValues.JsonString(Pick(HostileAssets))),
                }));
                break;
            case HostileId:
                var idField = Pick(endpoint.Body!.Where(f => f.Required && f.Kind is FuzzFieldKind.Id or FuzzFieldKind.Currency).ToList());
                draft.SetMember(idField.Name, HostileValues.JsonString(Pick(ImpossibleIds)));
                break;
            case HostileAmount when endpoint.Surface == FuzzSurface.Ledger:
                draft.SetMember("postings", Posting(("amount", Pick(HostileLedgerAmounts))));
                break;
            case HostileAmount:
                // A required amount when there is one; settling a hold checks its optional amount when it is sent.
                var amounts = endpoint.Body!.Where(f => f.Kind == FuzzFieldKind.Amount).OrderByDescending(f => f.Required).ToList();
                var amount = amounts[0].Required ? Pick(amounts.Where(f => f.Required).ToList()) : amounts[0];
                draft.SetMember(amount.Name, Chance(4) ? Pick(HostileValues.RawNumbers) : HostileValues.JsonString(Pick(HostileValues.AmountStrings)));
                break;
            case NoIdempotencyKey:
                draft.SetHeader("Idempotency-Key");
                break;
            case BadIdempotencyKey:
                draft.SetHeader("Idempotency-Key", Pick(["", "k k", "k\tk", new string('k', 256), new string('k', 5000), "\"quoted key\""]));
                break;
            case HostilePathId:
                var placeholder = Pick(PathIds.Where(p => endpoint.Path.Contains("{" + p + "}", StringComparison.Ordinal)).ToList());
                draft.PathValues[placeholder] = Draft.EscapeSegment(placeholder == "address" ? Pick(AddressLikeIds) : Pick(ImpossibleIds));
                break;
            case UnknownResource:
                // The v1 ids are fresh already; a transaction id may also be out of range or negative.
                draft.PathValues["id"] = Pick(["-1", long.MaxValue.ToString(CultureInfo.InvariantCulture), "99999999999999999999", draft.PathValues["id"]]);
                break;
            case HostileQuery:
                HostileListing(draft);
                break;
            case UnknownLedger:
                draft.PathValues["ledger"] = "fz" + Hex(10);
                break;
            case HostileLedgerName:
                draft.PathValues["ledger"] = Draft.EscapeSegment(Pick(ImpossibleLedgerNames));
                break;
            case ExistingLedger:
                draft.PathValues["ledger"] = credentials.LedgerName;
                break;
            case BrokenScript:
                draft.Members.RemoveAll(m => m.Key == "postings");
                draft.SetMember("script", Chance(8) ? Pick(["{\"plain\":null}", "{\"vars\":{}}", "{\"plain\":1}"])
                    : "{\"plain\":" + HostileValues.JsonString(HostileValues.BrokenScript(_random)) + ",\"vars\":{}}");
                if (Chance(2))
                    draft.SetQuery("dryRun", "true");
                break;
            case UnsignedWebhook:
                draft.Sign = Draft.Signing.None;
                break;
            case ForgedSignature:
                draft.Sign = Draft.Signing.Forged;
                draft.ForgedSignature = Pick(
                [
                    $"t={now.ToUnixTimeSeconds()},sha256={Hex(64)}", $"t={now.ToUnixTimeSeconds()},sha256=", "sha256=" + Hex(64), "t=,sha256=" + Hex(64),
                    $"t=-1,sha256={Hex(64)}", $"t=99999999999999999999,sha256={Hex(64)}", $"t={now.ToUnixTimeSeconds()},sha256={Hex(63)}Z",
                    .. HostileValues.HeaderValues,
                ]);
                break;
            case StaleSignature:
                draft.Sign = Draft.Signing.Stale;
                break;
            case UnknownProvider:
                draft.PathValues["providerId"] = Draft.EscapeSegment(Chance(2) ? FreshId() : Pick(HostileValues.Ids));
                break;
            case SignedHostileBody:
                SignedHostile(draft);
                break;
            default:
                throw new InvalidOperationException($"{brk} is not a break of {endpoint.Name}.");
        }
    }

    private string Malformed(Draft draft)
    {
        var valid = draft.JsonBody();
        return _random.Next(3) switch
        {
            0 => Pick(HostileValues.MalformedBodies),
            1 => valid[.._random.Next(1, valid.Length)], // a proper prefix of an object never closes it
            _ => valid + Pick(["x", ",", "}", "{}", "\u0000", " //"]),
        };
    }

    private void WrongType(Draft draft)
    {
        draft.HasBody = true;
        draft.ContentType = "application/json";
        var fields = draft.Endpoint.Body ?? [];
        var required = fields.Where(f => f.Required).ToList();
        var pool = required.Count > 0 ? required : fields.ToList();
        if (pool.Count == 0)
        {
            draft.RawBody = Encoding.UTF8.GetBytes(Pick(JsonTypesThatAreNotObjects.Where(t => t != "null").ToList()));
            return;
        }
        var field = Pick(pool);
        var raw = field.Kind switch
        {
            // The ledger's metadata is an object of strings, its postings an array of objects.
            FuzzFieldKind.Raw when field.Name == "postings" => Pick(["\"x\"", "1", "{}", "true", "[1]", "[\"a\"]", "[[]]", "[null]",
                "[{\"source\":null,\"destination\":\"fz:a\",\"amount\":1,\"asset\":\"NGN/2\"}]", "[{\"source\":\"world\",\"destination\":\"fz:a\",\"amount\":1}]"]),
            FuzzFieldKind.Raw when field.Name == "metadata" => Pick(["\"x\"", "1", "[]", "true", "{\"k\":1}", "{\"k\":{}}", "{\"k\":[]}"]),
            FuzzFieldKind.Raw => Pick(["1", "[]", "{}", "true", "1e400"]),
            _ => Pick(HostileValues.NotStrings),
        };
        draft.SetMember(field.Name, raw);
    }

    private void HostileListing(Draft draft)
    {
        switch (draft.Endpoint.Path)
        {
            case "/v1/reports/trial-balance":
                draft.SetQuery("asOf", Pick(ImpossibleAsOf));
                break;
            case "/v1/wallets/{walletId}/transactions":
                if (Chance(2))
                    draft.SetQuery("pageSize", Pick([.. PageSizes, "0", "101", "-100"]));
                else
                    draft.SetQuery("cursor", Pick(["x", "'; DROP TABLE x;--", "-1", new string('c', 5000), "\u202E"]));
                break;
            default:
                switch (_random.Next(draft.Endpoint.Path.EndsWith("/logs", StringComparison.Ordinal) ? 3 : 2))
                {
                    case 0:
                        draft.SetQuery("pageSize", Pick(PageSizes));
                        break;
                    case 1:
                        // The log listing reads no filter, so only malformed JSON is sure to be refused there.
                        draft.SetQuery("query", Pick<string>(draft.Endpoint.Path.EndsWith("/logs", StringComparison.Ordinal)
                            ? [.. HostileValues.MalformedBodies, HostileValues.DeepJson(_random)]
                            : [.. HostileValues.MalformedBodies, "{\"$nope\":{}}", "{\"$match\":{\"address\":1}}", "{\"$or\":\"x\"}", HostileValues.DeepJson(_random),
                               "{\"$match\":{\"metadata[k]\":\"a\\u0000\"}}", "{\"$match\":{\"reference\":\"\\ud800\"}}", "{\"$exists\":{\"metadata\":\"\\u0000\"}}",
                               "{\"$match\":{\"address\":\"wallets:x:main\\n\"}}", "{\"$lt\":{\"id\":1e400}}", "{\"$gt\":{\"balance\":" + HostileValues.TenToThe(80) + "}}"]));
                        break;
                    default:
                        draft.SetQuery("cursor", Pick(["x", "-1", "1e400", "99999999999999999999"]));
                        break;
                }
                break;
        }
    }

    private void SignedHostile(Draft draft)
    {
        // Signed with the provider's real secret: the hostility has to be met after the signature check.
        switch (_random.Next(6))
        {
            case 0:
                draft.SetMember("payoutId", HostileValues.JsonString(Pick(HostileValues.Ids)));
                break;
            case 1:
                draft.SetMember(Pick(["payoutId", "status", "reference"]), Pick(HostileValues.NotStrings));
                break;
            case 2:
                draft.SetMember("status", HostileValues.JsonString(Pick(["", "settled", "ACCEPTED", "rejected", "pending", "\u0000", "'; DROP TABLE x;--"])));
                break;
            case 3:
                draft.RawBody = Encoding.UTF8.GetBytes(Chance(2) ? Pick(HostileValues.MalformedBodies) : HostileValues.DeepJson(_random));
                break;
            case 4:
                draft.RawBody = HostileValues.RandomBytes(_random, _random.Next(1, 512));
                break;
            default:
                draft.Members.RemoveAll(m => m.Key == "payoutId");
                break;
        }
    }

    private static string Posting((string Field, string Raw) hostile)
    {
        var fields = new Dictionary<string, string>
        {
            ["source"] = "\"world\"", ["destination"] = "\"wallets:fz:main\"", ["amount"] = "100", ["asset"] = "\"NGN/2\"",
        };
        fields[hostile.Field] = hostile.Raw;
        return "[{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Value}")) + "}]";
    }

    private string FreshId() => "fz_" + Hex(12);

    private string Hex(int length)
    {
        var bytes = new byte[(length + 1) / 2];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    private string Base64Url(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return string.Create(length, _random, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = alphabet[random.Next(alphabet.Length)];
        });
    }

    private bool Chance(int oneIn) => _random.Next(oneIn) == 0;

    private T Pick<T>(IReadOnlyList<T> values) => HostileValues.Pick(_random, values);
}
