using System.Text.Json;

namespace ScalarAutograd.Runner;

/// <summary>
/// The parts of nbformat 4 the runner relies on, checked before parsing: the Jupyter parser accepts <c>{}</c> or
/// <c>{"cells": 5}</c> as an empty notebook, which would then "run" with nothing in it.
/// </summary>
internal static class IpynbShape
{
    /// <exception cref="NotebookException">What is missing or of the wrong type.</exception>
    public static void Check(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new NotebookException($"expected a JSON object, found {Kind(root)}.");
        if (root.TryGetProperty("nbformat", out var format) && !(format.ValueKind == JsonValueKind.Number && format.GetDouble() == 4))
            throw new NotebookException($"expected nbformat 4, found {format.GetRawText()}.");
        if (!root.TryGetProperty("cells", out var cells)) throw new NotebookException("it has no \"cells\" list.");
        if (cells.ValueKind != JsonValueKind.Array) throw new NotebookException($"\"cells\" should be a list, found {Kind(cells)}.");
        var number = 0;
        foreach (var cell in cells.EnumerateArray())
        {
            number++;
            if (cell.ValueKind != JsonValueKind.Object) throw new NotebookException($"cell {number} is {Kind(cell)}, not an object.");
            var type = cell.TryGetProperty("cell_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type is not ("code" or "markdown" or "raw")) throw new NotebookException($"cell {number} has no cell_type of \"code\", \"markdown\" or \"raw\".");
            if (type == "raw") throw new NotebookException($"cell {number} is a raw cell, which the runner cannot run or show; make it markdown or remove it.");
            if (!cell.TryGetProperty("source", out var source) || !IsText(source)) throw new NotebookException($"cell {number}'s \"source\" should be a string or a list of strings.");
        }
        if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("kernelspec", out var spec) && spec.ValueKind == JsonValueKind.Object
            && spec.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String
            && language.GetString()!.ToLowerInvariant() is not ("c#" or "csharp" or ".net-csharp"))
        {
            throw new NotebookException($"its kernelspec language is '{language.GetString()}'; this runner runs C# notebooks.");
        }
    }

    private static bool IsText(JsonElement source) =>
        source.ValueKind == JsonValueKind.String
        || (source.ValueKind == JsonValueKind.Array && source.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String));

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "an object",
    };
}
