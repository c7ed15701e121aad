namespace ScalarAutograd.Rendering;

/// <summary>
/// Writes a file whole or not at all: to a short-named temporary file beside it, then moved into place. Errors name
/// the caller's path, never the temporary one.
/// </summary>
internal static class SafeFile
{
    public static void Write(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        // A symbolic link is followed (as cp and editors do): the file it points to is replaced, the link stays.
        if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target) full = target.FullName;
        var folder = Path.GetDirectoryName(full)!;
        CheckFolder(path, folder);
        if (File.Exists(full) && File.GetAttributes(full).HasFlag(FileAttributes.ReadOnly))
            throw new IOException($"Cannot save to '{path}': the file is read-only. Make it writable or choose another name.");
        if (Directory.Exists(full))
            throw new IOException($"Cannot save to '{path}': it is a folder. Add a file name, e.g. '{Path.Combine(path, "graph.svg")}'.");

        // Short, so that a name of up to 255 bytes (the usual limit) still has a legal temporary sibling.
        var temp = Path.Combine(folder, $".{Guid.NewGuid().ToString("N")[..8]}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is UnauthorizedAccessException ? "permission denied" : e.Message.Replace(temp, path, StringComparison.Ordinal);
            throw new IOException($"Cannot save to '{path}': {why}", e);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    // Creates missing folders; a file where a folder should be gets a message that says which one.
    private static void CheckFolder(string path, string folder)
    {
        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) break;
            if (File.Exists(dir)) throw new IOException($"Cannot save to '{path}': '{dir}' is a file, not a folder.");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot save to '{path}': the folder '{folder}' cannot be created ({(e is UnauthorizedAccessException ? "permission denied" : e.Message)}).", e);
        }
    }
}
