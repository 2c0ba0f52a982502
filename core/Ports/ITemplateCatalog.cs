using WalletFlow.Core.Results;

namespace WalletFlow.Core.Ports;

/// <summary>The 18 Numscript templates as data: checks a call's vars against a template and fills it.</summary>
public interface ITemplateCatalog
{
    /// <summary>The template names the catalog holds.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The filled template, or a <see cref="TemplateMismatch"/>.</summary>
    Result<TemplateScript> Fill(TemplateCall request);
}
