namespace ScalarAutograd.Rendering;

/// <summary>Something that turns DOT text into a rendered file: the C library in process, or the <c>dot</c> program.</summary>
internal interface IGraphvizBackend
{
    /// <summary>What is rendering, for messages.</summary>
    string Name { get; }

    /// <summary>Lays out and renders <paramref name="dot"/> in <paramref name="format"/> (svg, png, pdf).</summary>
    byte[] Render(string dot, string format);
}
