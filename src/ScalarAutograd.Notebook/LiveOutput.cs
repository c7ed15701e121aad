using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace ScalarAutograd.Notebook;

/// <summary>
/// One cell output that is replaced in place — a progress line during training:
/// <c>var line = LiveOutput.Show("starting…"); … line.Update($"step {k}");</c>
/// </summary>
/// <remarks>
/// .NET Interactive's own <c>value.Display()</c> handle sends its updates under a different id than its first
/// output in the final release (1.0.0-beta.26120.1), so a client can't tell which output to replace. This handle
/// sends both under one id.
/// </remarks>
public sealed class LiveOutput
{
    private readonly string _id = Guid.NewGuid().ToString();

    private LiveOutput()
    {
    }

    /// <summary>Shows <paramref name="value"/> as a new output of the running cell.</summary>
    /// <exception cref="InvalidOperationException">Not called while a notebook cell runs.</exception>
    public static LiveOutput Show(object value)
    {
        var output = new LiveOutput();
        var (context, formatted) = Prepare(value);
        context.Publish(new DisplayedValueProduced(value, context.Command, formatted, output._id));
        return output;
    }

    /// <summary>Replaces the output with <paramref name="value"/>.</summary>
    public void Update(object value)
    {
        var (context, formatted) = Prepare(value);
        context.Publish(new DisplayedValueUpdated(value, _id, context.Command, formatted));
    }

    private static (KernelInvocationContext, IReadOnlyList<FormattedValue>) Prepare(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var context = KernelInvocationContext.Current
            ?? throw new InvalidOperationException("LiveOutput shows values in a notebook cell: call it while a cell runs.");
        return (context, FormattedValue.CreateManyFromObject(value, HtmlFormatter.MimeType, PlainTextFormatter.MimeType));
    }
}
