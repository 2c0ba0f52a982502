using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace WalletFlow.Tests.Integration.Contracts;

/// <summary>
/// An OpenAPI document as the oracle of an HTTP API's answers: which operation a request is, which
/// response the operation declares for a status, and whether the body matches that response's schema.
/// The document is read by Microsoft.OpenApi (YAML or JSON, OpenAPI 3.0 or 3.1) and written back as
/// 3.1, whose schemas are JSON Schema 2020-12 (3.0's <c>nullable</c> becomes a <c>null</c> type);
/// bodies are evaluated by JsonSchema.Net, <c>$ref</c>, <c>allOf</c> and <c>oneOf</c> included, integers of
/// any size included (<c>format: bigint</c> has no bound; <c>int64</c> and <c>int32</c> do).
/// </summary>
public sealed partial class OpenApiContract
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private readonly JsonObject _document;
    private readonly List<ContractOperation> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private OpenApiContract(string name, JsonObject document)
    {
        Name = name;
        _document = document;
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
        {
            foreach (var method in Methods)
            {
                if (item?[method] is JsonObject operation)
                    _operations.Add(new ContractOperation(method.ToUpperInvariant(), path, operation["operationId"]?.GetValue<string>(),
                        Responses: operation["responses"]?.AsObject() ?? []));
            }
        }
    }

    /// <summary>What messages call the document ("the Formance Ledger v2 contract").</summary>
    public string Name { get; }

    /// <summary>Every operation the document declares, and the aliases added since.</summary>
    public IReadOnlyList<ContractOperation> Operations => _operations;

    /// <summary>Reads an OpenAPI document; <paramref name="format"/> is <c>yaml</c> or <c>json</c>.</summary>
    public static OpenApiContract Parse(string text, string format, string name)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var read = OpenApiDocument.Parse(text, format, settings);
        if (read.Document is null || read.Diagnostic?.Errors is { Count: > 0 })
            throw new InvalidOperationException($"{name} is not a readable OpenAPI document: "
                + string.Join("; ", read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        using var text31 = new StringWriter(CultureInfo.InvariantCulture);
        read.Document.SerializeAsV31(new OpenApiJsonWriter(text31));
        return new OpenApiContract(name, JsonNode.Parse(text31.ToString())!.AsObject());
    }

    /// <summary>
    /// Makes <paramref name="method"/> <paramref name="path"/> answer as the document's
    /// <paramref name="targetMethod"/> <paramref name="targetPath"/> (a spelling the server also
    /// accepts, such as an older client's): its answers are checked against the target's declarations.
    /// </summary>
    public OpenApiContract Alias(string method, string path, string targetMethod, string targetPath)
    {
        var target = _operations.Single(o => o.Method == targetMethod && o.Path == targetPath && o.AliasOf is null);
        _operations.Add(target with { Method = method, Path = path, AliasOf = target });
        return this;
    }

    /// <summary>The operation <paramref name="method"/> <paramref name="path"/> is (a concrete path, without the query), or null.</summary>
    public ContractOperation? Find(string method, string path) =>
        _operations
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && Matcher(o.Path).IsMatch(path))
            // A literal segment beats a parameter: /v2/{ledger}/_info before /v2/{ledger}/{anything}.
            .OrderBy(o => o.Path.Count(c => c == '{'))
            .FirstOrDefault();

    /// <summary>
    /// Checks one answer: the request must be an operation of the document, the status one the
    /// operation declares (exactly, as a range such as <c>5XX</c>, or — for an error, 4xx/5xx only —
    /// <c>default</c>), the media type one that response declares and the body valid against its
    /// schema; a response that declares no content must have no body. Returns the operation (when
    /// found) and the violation, null when the answer is what the document says.
    /// </summary>
    public (ContractOperation? Operation, string? Violation) Check(string method, string path, int status, string? mediaType, string body)
    {
        var request = $"{method} {path}";
        if (Find(method, path) is not { } operation)
            return (null, $"{Name}: no operation is {request}");
        var named = $"{Name}: {operation} answered {request} with {status}";
        if (ResponseKey(operation, status) is not { } key)
            return (operation, $"{named}, a status the operation does not declare (it declares {string.Join(", ", operation.Responses.Select(r => r.Key))})");
        var response = Resolve(operation.Responses[key]!).AsObject();
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return (operation, body.Length == 0 ? null : $"{named}: its '{key}' response declares no body, but {body.Length} characters came: {Excerpt(body)}");
        if (body.Length == 0)
            return (operation, $"{named}: its '{key}' response declares a {string.Join(" or ", content.Select(c => c.Key))} body, but none came");
        if (mediaType is null || !content.TryGetPropertyValue(mediaType, out var declared))
            return (operation, $"{named} as {mediaType ?? "no media type"}: its '{key}' response declares {string.Join(", ", content.Select(c => c.Key))}");
        if (declared?["schema"] is not { } schema)
            return (operation, null);
        JsonElement instance;
        try
        {
            instance = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return (operation, $"{named}: the {mediaType} body is not JSON ({e.Message}): {Excerpt(body)}");
        }
        var errors = Errors(SchemaFor($"{operation.Id}|{key}|{mediaType}", schema), instance);
        return (operation, errors.Count == 0 ? null
            : $"{named}: the body does not match the schema of its '{key}' {mediaType} response{Environment.NewLine}  "
              + string.Join(Environment.NewLine + "  ", errors) + $"{Environment.NewLine}body: {Excerpt(body)}");
    }

    /// <summary>The errors of <paramref name="instance"/> against the component schema <paramref name="component"/> (<c>#/components/schemas/…</c>); empty when valid.</summary>
    public IReadOnlyList<string> Errors(string component, JsonElement instance) =>
        Errors(SchemaFor("#" + component, new JsonObject { ["$ref"] = "#/components/schemas/" + component }), instance);

    private static List<string> Errors(JsonSchema schema, JsonElement instance)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.FormatRegistry.Register(Int64);
        options.FormatRegistry.Register(Int32);
        options.FormatRegistry.Register(BigInt);
        var result = schema.Evaluate(instance, options);
        if (result.IsValid)
            return [];
        var errors = (result.Details ?? []).Prepend(result)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"at {(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Key}: {e.Value}  (schema {d.EvaluationPath})"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return errors.Count == 0 ? ["invalid, with no error detail"] : [.. errors.Take(12)];
    }

    // OpenAPI's integer formats: int64 and int32 bound the value; bigint (Formance's amounts and ids) does not.
    private static readonly PredicateFormat Int64 = new("int64", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt64(out _));
    private static readonly PredicateFormat Int32 = new("int32", e => e.ValueKind != JsonValueKind.Number || e.TryGetInt32(out _));
    private static readonly PredicateFormat BigInt = new("bigint", e => e.ValueKind != JsonValueKind.Number || BigIntegerText().IsMatch(e.GetRawText()));

    // A response schema with the document's component schemas beside it as $defs, so every $ref resolves within it.
    private JsonSchema SchemaFor(string key, JsonNode schema) => _schemas.GetOrAdd(key, _ =>
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _document["components"]?["schemas"]?.DeepClone() ?? new JsonObject(),
            ["allOf"] = new JsonArray(schema.DeepClone()),
        };
        var text = root.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:contract:{Guid.NewGuid():N}"));
    });

    private static string? ResponseKey(ContractOperation operation, int status)
    {
        var exact = status.ToString(CultureInfo.InvariantCulture);
        var range = $"{status / 100}XX";
        foreach (var (key, _) in operation.Responses)
        {
            if (key == exact)
                return key;
        }
        foreach (var (key, _) in operation.Responses)
        {
            if (string.Equals(key, range, StringComparison.OrdinalIgnoreCase))
                return key;
        }
        // default answers errors only: a success the operation does not name is not what its clients expect.
        return status >= 400 && operation.Responses.ContainsKey("default") ? "default" : null;
    }

    // A response may be a $ref to #/components/responses/….
    private JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            JsonNode? target = _document;
            foreach (var part in reference[2..].Split('/'))
                target = target?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            node = target ?? throw new InvalidOperationException($"{Name}: {reference} does not resolve");
        }
        return node;
    }

    private static readonly ConcurrentDictionary<string, Regex> Matchers = new(StringComparer.Ordinal);

    private static Regex Matcher(string template) => Matchers.GetOrAdd(template, t =>
        new Regex("^" + PathParameter().Replace(Regex.Escape(t).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "/?$", RegexOptions.CultureInvariant));

    private static string Excerpt(string body) => body.Length <= 2_000 ? body : body[..2_000] + "…";

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex PathParameter();

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex BigIntegerText();
}
