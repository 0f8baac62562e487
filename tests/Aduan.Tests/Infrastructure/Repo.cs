namespace Aduan.Tests.Infrastructure;

internal static class Repo
{
    /// <summary>The repository root (the folder holding Aduan.slnx).</summary>
    public static string Root { get; } = Find();

    public static string Packs => Path.Combine(Root, "packs");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aduan.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Aduan.slnx not found above " + AppContext.BaseDirectory);
    }
}
