namespace ScalarAutograd;

/// <summary>Graphviz could not read, lay out or render a graph. <see cref="GraphvizMessage"/> holds Graphviz's own words.</summary>
public class GraphvizException : Exception
{
    /// <summary>An error with Graphviz's own message attached.</summary>
    public GraphvizException(string message, string? graphvizMessage = null) : base(message) => GraphvizMessage = graphvizMessage ?? "";

    /// <summary>What Graphviz itself reported (may be empty).</summary>
    public string GraphvizMessage { get; }
}

/// <summary>Neither Graphviz's C library nor the <c>dot</c> program could be found. The message says how to install it.</summary>
public sealed class GraphvizNotFoundException(string message) : GraphvizException(message);
