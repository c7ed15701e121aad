namespace ScalarAutograd.Notebook.Tests;

/// <summary>What the tests' own .dib notebooks start with.</summary>
internal static class Dib
{
    /// <summary>The #!meta block Polyglot Notebooks writes for a C# notebook; cells follow.</summary>
    public const string Meta = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"languageName":"csharp","name":"csharp"}]}}

        """;
}
