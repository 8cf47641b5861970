namespace LeadMail.Benchmarks;

/// <summary>Where the benchmarks keep files: under the repository's git-ignored artifacts/bench.</summary>
public static class Workspace
{
    public static string Root { get; } = FindRoot();

    public static string Bench => Path.Combine(Root, "artifacts", "bench");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadMail.sln"))) return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
