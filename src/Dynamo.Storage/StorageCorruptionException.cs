namespace Dynamo.Storage;

/// <summary>
/// Stored data is not what the plugin wrote: a file that is not a database, a value of the wrong
/// type, or a value whose length or checksum differs from the one recorded with it. The data is
/// left untouched so that an operator can inspect or restore it.
/// </summary>
public sealed class StorageCorruptionException : StorageException
{
    /// <summary>Creates the exception with a message naming what is corrupt and where.</summary>
    public StorageCorruptionException(string message, Exception? innerException = null) : base(message, innerException) { }
}
