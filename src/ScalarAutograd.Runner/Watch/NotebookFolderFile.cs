namespace ScalarAutograd.Runner;

/// <summary>A file the watch page may load (a picture a markdown cell shows): only inside the notebook's folder.</summary>
internal static class NotebookFolderFile
{
    /// <summary>The full path of <paramref name="relative"/> if it is a file inside <paramref name="folder"/> (links
    /// followed: one pointing outside is refused); otherwise null.</summary>
    public static string? Find(string folder, string relative)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full)) return null;
        // Every link on the way, from the folder down, must stay inside it.
        for (var path = full; path.Length > root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                && !Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal)) return null;
        }
        return full;
    }

    public static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".pdf" => "application/pdf",
        ".txt" or ".dot" or ".md" or ".cs" or ".dib" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
