using System.Buffers.Binary;

namespace ScalarAutograd.Rendering.Tests;

/// <summary>Save: long names, read-only files, links, folders that are files, PNG scale, and messages that name the path.</summary>
public sealed class SaveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sa-save-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(219)]
    [InlineData(255)] // the longest name Linux allows: a long temporary suffix made these fail
    public void A_file_name_of_up_to_255_bytes_saves(int bytes)
    {
        var path = Path.Combine(_dir, new string('g', bytes - 4) + ".svg");
        Lecture.BackpropagatedL().Save(path);
        Assert.StartsWith("<?xml", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_read_only_file_is_not_replaced_and_the_error_says_so()
    {
        var path = Path.Combine(_dir, "graph.svg");
        File.WriteAllText(path, "keep me");
        File.SetAttributes(path, FileAttributes.ReadOnly);
        var ex = Assert.Throws<IOException>(() => Lecture.BackpropagatedL().Save(path));
        Assert.Contains($"Cannot save to '{path}': the file is read-only", ex.Message);
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_symbolic_link_is_followed_and_stays_a_link()
    {
        var target = Path.Combine(_dir, "real.svg");
        File.WriteAllText(target, "old");
        var link = Path.Combine(_dir, "link.svg");
        File.CreateSymbolicLink(link, target);
        Lecture.BackpropagatedL().Save(link);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.StartsWith("<?xml", File.ReadAllText(target));
    }

    [Fact]
    public void A_parent_that_is_a_file_gets_a_message_naming_it()
    {
        var file = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(file, "");
        var path = Path.Combine(file, "graph.svg");
        var ex = Assert.Throws<IOException>(() => Lecture.BackpropagatedL().Save(path));
        Assert.Equal($"Cannot save to '{path}': '{file}' is a file, not a folder.", ex.Message);
    }

    [Fact]
    public void A_write_error_names_the_callers_path_never_a_temporary_one()
    {
        const string path = "/proc/graph.svg"; // a folder nobody may create files in, not even root
        var ex = Assert.Throws<IOException>(() => Lecture.BackpropagatedL().Save(path));
        Assert.StartsWith($"Cannot save to '{path}': ", ex.Message);
        Assert.DoesNotContain(".tmp", ex.Message);
    }

    [Fact]
    public void A_folder_in_the_way_gets_a_message_naming_it()
    {
        var folder = Path.Combine(_dir, "graph.svg");
        Directory.CreateDirectory(folder);
        var ex = Assert.Throws<IOException>(() => Lecture.BackpropagatedL().Save(folder));
        Assert.Contains($"'{folder}'", ex.Message);
        Assert.DoesNotContain(".tmp", ex.Message);
    }

    [Fact]
    public void Scale_multiplies_a_PNGs_pixels()
    {
        var one = PngSize(SaveAndRead("one.png", 1));
        var two = PngSize(SaveAndRead("two.png", 2));
        Assert.InRange(two.Width, 2 * one.Width - 4, 2 * one.Width + 4);
        Assert.InRange(two.Height, 2 * one.Height - 4, 2 * one.Height + 4);
    }

    [Fact]
    public void A_PNG_too_big_for_a_bitmap_is_refused_with_what_to_do_instead_of_silently_shrunk()
    {
        var wide = Shapes.DeepChain(30); // 90 values in a row, drawn left to right: about 80,000 px wide at scale 10
        var across = new GraphOptions { Direction = GraphDirection.LeftToRight };
        var path = Path.Combine(_dir, "wide.png");
        var error = Assert.Throws<ArgumentException>(() => wide.Save(path, across, scale: 10));
        Assert.Matches(@"At scale 10 this graph is over 32,767 pixels (wide|tall)", error.Message);
        Assert.Contains("Save it as .svg or .pdf", error.Message);
        Assert.False(File.Exists(path)); // nothing written
        wide.Save(path, across, scale: 1); // at scale 1 it fits
        Assert.True(PngSize(File.ReadAllBytes(path)).Width < 32_767);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(11)]
    public void A_scale_out_of_range_is_refused(double scale)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Value(1).Save(Path.Combine(_dir, "g.png"), scale: scale));
        Assert.Contains("The scale must be between 0.1 and 10", ex.Message);
        Assert.DoesNotContain("(Parameter", ex.Message);
    }

    [Theory]
    [InlineData("graph.jpeg")]
    [InlineData("")]
    [InlineData("   ")]
    public void Argument_errors_end_without_a_parameter_suffix(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Value(1).Save(name.Trim().Length == 0 ? name : Path.Combine(_dir, name)));
        Assert.DoesNotContain("(Parameter", ex.Message);
        Assert.True(ex.Message.Contains("extension must be one of") || ex.Message.Contains("the path given was empty"), ex.Message);
    }

    private byte[] SaveAndRead(string name, double scale)
    {
        var path = Path.Combine(_dir, name);
        Lecture.BackpropagatedL().Save(path, scale: scale);
        return File.ReadAllBytes(path);
    }

    // PNG: 8-byte signature, then the IHDR chunk (length, "IHDR", width, height, big-endian).
    private static (int Width, int Height) PngSize(byte[] png) =>
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
