using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace ScalarAutograd.Notebook;

/// <summary>
/// Loaded by .NET Interactive from this package's <c>interactive-extensions/dotnet</c> folder on
/// <c>#r "nuget: ScalarAutograd.Notebook, …"</c>: registers the formatters, adds the <see cref="RedefinitionHint"/> and brings the namespaces into scope.
/// </summary>
public sealed class ScalarAutogradKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public async Task OnLoadAsync(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        NotebookFormatters.Register();
        RedefinitionHint.Install(kernel);
        var csharp = kernel.FindKernelByName("csharp") ?? kernel;
        await csharp.SendAsync(new SubmitCode("using ScalarAutograd; using ScalarAutograd.Nn; using ScalarAutograd.Notebook;"));
    }
}
