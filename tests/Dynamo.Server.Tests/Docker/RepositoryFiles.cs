namespace Dynamo.Server.Tests.Docker;

/// <summary>Locates files of this repository from the test output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest folder above the test binaries holding Directory.Packages.props.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path under the repository root, given with '/' separators.</summary>
    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Directory.Packages.props above {AppContext.BaseDirectory}");
    }
}
