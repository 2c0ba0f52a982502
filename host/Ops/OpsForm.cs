using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using WalletFlow.Core.Movements;
using WalletFlow.Core.Results;

namespace WalletFlow.Host.Ops;

/// <summary>
/// A command form as rendered or as posted back: its values and the idempotency key minted when it was
/// first rendered. Binding turns the posted fields into the v1 body record through the same JSON
/// contract v1 reads (empty inputs are absent properties), so the use case sees what an API caller's
/// request would give it.
/// </summary>
public sealed record OpsForm(OpsCommand Command, IReadOnlyDictionary<string, string> Values, string Key)
{
    /// <summary>The hidden field carrying the command's idempotency key.</summary>
    public const string KeyField = "idempotencyKey";

    /// <summary>The hidden field carrying the anti-forgery token.</summary>
    public const string AntiforgeryField = "__RequestVerificationToken";

    // Every input is text; a numeric body property (a reversal's transaction id) reads it as a number.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    /// <summary>A new form: a new key, new ids for the minted fields, and <paramref name="prefill"/> (from the address) for the rest.</summary>
    public static OpsForm New(OpsCommand command, IEnumerable<KeyValuePair<string, string>> prefill)
    {
        ArgumentNullException.ThrowIfNull(command);
        var values = prefill.Where(p => command.Fields.Any(f => f.Name == p.Key) && !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var field in command.Fields.Where(f => f.Minted is not null && !values.ContainsKey(f.Name)))
            values[field.Name] = Mint(field.Minted!);
        return new OpsForm(command, values, Mint("ops"));
    }

    /// <summary>The form as posted: its fields and its key (empty when missing: the use case's key rule refuses it).</summary>
    public static OpsForm Posted(OpsCommand command, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(form);
        var values = command.Fields.Where(f => form.ContainsKey(f.Name)).ToDictionary(f => f.Name, f => form[f.Name].ToString(), StringComparer.Ordinal);
        return new OpsForm(command, values, form[KeyField].ToString());
    }

    public string Value(string name) => Values.TryGetValue(name, out var value) ? value.Trim() : "";

    /// <summary>A route value's text, or null when empty.</summary>
    public string? Route(string name) => Value(name) is { Length: > 0 } value ? value : null;

    /// <summary>The route values of the command (its <see cref="OpsField.Route"/> fields).</summary>
    public RouteValueDictionary RouteValues() =>
        new(Command.Fields.Where(f => f.Route).ToDictionary(f => f.Name, f => (object?)Route(f.Name)));

    /// <summary>The v1 body the fields make, or <see cref="InvalidRequest"/> naming a field JSON could not take.</summary>
    public Result<TBody> Bind<TBody>() where TBody : class
    {
        var body = new JsonObject();
        foreach (var field in Command.Fields.Where(f => !f.Route))
        {
            var value = Value(field.Name);
            if (value.Length == 0)
                continue;
            var parent = body;
            var path = field.Name.Split('.');
            foreach (var segment in path[..^1])
                parent = parent[segment] as JsonObject ?? (JsonObject)(parent[segment] = new JsonObject());
            parent[path[^1]] = value;
        }
        try
        {
            return body.Deserialize<TBody>(Json) is { } bound ? bound : InvalidRequest.For("form", "is empty");
        }
        catch (JsonException e)
        {
            return InvalidRequest.For(e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "form", "is not a value this field takes");
        }
    }

    private static string Mint(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
