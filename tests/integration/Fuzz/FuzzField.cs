namespace WalletFlow.Tests.Integration.Fuzz;

/// <summary>What a body field holds, which says how to fill it validly and how to break it for sure.</summary>
public enum FuzzFieldKind
{
    /// <summary>An id (1–64 letters, digits, '_' or '-'): any <see cref="HostileValues.Ids"/> is refused.</summary>
    Id,
    /// <summary>A decimal amount string: any <see cref="HostileValues.AmountStrings"/> is refused.</summary>
    Amount,
    /// <summary>A currency code.</summary>
    Currency,
    /// <summary>Free text stored as text: hostile text may be refused or stored, so it is only noise.</summary>
    Text,
    /// <summary>A decimal rate string.</summary>
    Rate,
    /// <summary>Raw JSON given whole (nested objects, arrays, numbers): broken only by type.</summary>
    Raw,
}

/// <summary>One body field of an endpoint: its JSON name, kind and whether the request needs it.</summary>
/// <param name="Name">The JSON property name.</param>
/// <param name="Kind">How it is filled and broken.</param>
/// <param name="Required">Whether a valid request carries it (optional ones come half the time).</param>
/// <param name="Valid">Raw JSON of a valid value (for <see cref="FuzzFieldKind.Raw"/>; the others are filled by kind).</param>
public sealed record FuzzField(string Name, FuzzFieldKind Kind, bool Required = true, string? Valid = null);
