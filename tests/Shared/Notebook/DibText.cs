using System.Text.RegularExpressions;

namespace ScalarAutograd.Testing;

/// <summary>The text of a .dib notebook, as tests and benchmarks read its cells or run a copy of it elsewhere.</summary>
internal static partial class DibText
{
    /// <summary>The code of its C# cells, in order, trimmed.</summary>
    public static List<string> CodeCells(string dib) =>
        [.. Regex.Split(dib, "^#!", RegexOptions.Multiline).Where(c => c.StartsWith("csharp\n", StringComparison.Ordinal)).Select(c => c["csharp\n".Length..].Trim())];

    /// <summary>
    /// <paramref name="text"/> (a notebook or a cell) with its <c>#r</c> paths made absolute, read from
    /// <paramref name="notebookFolder"/> as the notebook's own folder: a copy then runs from any folder. NuGet
    /// references stay as they are.
    /// </summary>
    public static string AbsoluteReferences(string text, string notebookFolder) =>
        Reference().Replace(text, m => $"#r \"{Path.GetFullPath(Path.Combine(notebookFolder, m.Groups[1].Value))}\"");

    [GeneratedRegex("^#r \"(?!nuget:)([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex Reference();
}
