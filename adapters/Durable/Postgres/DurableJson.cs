using System.Reflection;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace WalletFlow.Adapters.Durable.Postgres;

/// <summary>
/// How the store writes DurableTask.Core's objects (history events, task messages, orchestration
/// states): Newtonsoft.Json with type names, the way DurableTask.Core's own providers keep a
/// <see cref="HistoryEvent"/>'s concrete type. Reading a type name back is the classic hole of that
/// setting, so only DurableTask.Core's own types (and the sidecar's, which subclass them) and string
/// dictionaries are ever bound; anything else in a row is refused, not instantiated.
/// </summary>
internal static class DurableJson
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        SerializationBinder = new DurableTypesOnly(),
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
    };

    public static string Write(object value) => JsonConvert.SerializeObject(value, Settings);

    public static T Read<T>(string json) =>
        JsonConvert.DeserializeObject<T>(json, Settings)
        ?? throw new InvalidDataException($"A durable store row held no {typeof(T).Name}.");

    private sealed class DurableTypesOnly : ISerializationBinder
    {
        private static readonly Assembly Core = typeof(HistoryEvent).Assembly;
        private readonly DefaultSerializationBinder _default = new();

        public Type BindToType(string? assemblyName, string typeName)
        {
            var type = _default.BindToType(assemblyName, typeName);
            return Allowed(type) ? type : throw new JsonSerializationException($"The durable store does not read type '{typeName}'.");
        }

        public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
            _default.BindToName(serializedType, out assemblyName, out typeName);

        private static bool Allowed(Type type) =>
            type.Assembly == Core
            || (type.Namespace?.StartsWith("Microsoft.DurableTask", StringComparison.Ordinal) == true && typeof(HistoryEvent).IsAssignableFrom(type))
            || IsPlain(type)
            // Tags (string to string) and a failure's Properties (string to object: its values are
            // plain values, or they carry a type name of their own and pass through here again).
            || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
                && (definition == typeof(Dictionary<,>) || definition == typeof(List<>))
                && type.GetGenericArguments().All(IsPlain));

        private static bool IsPlain(Type type) => type == typeof(object) || type == typeof(string) || type.IsPrimitive;
    }
}
