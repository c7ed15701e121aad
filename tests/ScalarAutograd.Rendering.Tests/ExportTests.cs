using System.Text;

namespace ScalarAutograd.Rendering.Tests;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sa-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("graph.svg", "<?xml")]
    [InlineData("graph.png", "\u0089PNG")]
    [InlineData("graph.pdf", "%PDF")]
    [InlineData("graph.dot", "digraph")]
    public void Each_format_has_its_magic_bytes_in_a_folder_created_on_the_way(string name, string magic)
    {
        var path = Path.Combine(_dir, "nested", "deeper", name);
        Lecture.BackpropagatedL().Save(path);
        var head = File.ReadAllBytes(path).Take(magic.Length).ToArray();
        Assert.Equal(Encoding.Latin1.GetBytes(magic), head);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind
    }

    [Fact]
    public void An_unknown_extension_lists_the_supported_ones_and_writes_nothing()
    {
        var ex = Assert.Throws<ArgumentException>(() => Lecture.BackpropagatedL().Save(Path.Combine(_dir, "graph.jpeg")));
        Assert.Contains(".svg, .png, .pdf, .dot", ex.Message);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void A_failed_save_leaves_the_existing_file_untouched()
    {
        var path = Path.Combine(_dir, "graph.svg");
        Lecture.BackpropagatedL().Save(path);
        var before = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => new Value(1).Save(path, new GraphOptions { NumberFormat = "X" }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_dir));
    }
}
