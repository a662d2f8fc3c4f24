namespace Dynamo.Storage;

/// <summary>
/// A storage plugin could not do what it was asked. Subclasses name the kind of problem; the
/// message names the store, the partition or key and the cause.
/// </summary>
public class StorageException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public StorageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message naming the problem and the underlying cause.</summary>
    public StorageException(string message, Exception? innerException) : base(message, innerException) { }
}
