namespace Dynamo.Storage;

/// <summary>
/// The storage cannot be reached or opened at all: a database server that does not answer,
/// a data directory that cannot be created, a file that cannot be opened.
/// </summary>
public sealed class StorageUnavailableException : StorageException
{
    /// <summary>Creates the exception with a message naming what could not be reached.</summary>
    public StorageUnavailableException(string message, Exception? innerException = null) : base(message, innerException) { }
}
