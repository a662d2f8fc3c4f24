using System.Runtime.InteropServices;

namespace Dynamo.Cli.Dev;

/// <summary>Sends POSIX signals: .NET can kill a process but not ask it to stop with SIGTERM.</summary>
internal static partial class PosixSignals
{
    /// <summary>SIGTERM: stop gracefully.</summary>
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => OperatingSystem.IsWindows() ? false : Kill(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
