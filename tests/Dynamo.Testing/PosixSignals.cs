using System.Runtime.InteropServices;

namespace Dynamo.Testing;

/// <summary>Sends POSIX signals: .NET can only SIGKILL a process, but a graceful stop is SIGTERM.</summary>
internal static class PosixSignals
{
    /// <summary>The signal number of SIGTERM on Linux and macOS.</summary>
    public const int SigTerm = 15;

    /// <summary>libc's <c>kill(2)</c>: 0 on success, -1 with errno set otherwise.</summary>
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static extern int Kill(int pid, int signal);
}
