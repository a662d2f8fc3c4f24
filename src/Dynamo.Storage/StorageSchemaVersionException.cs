namespace Dynamo.Storage;

/// <summary>
/// The store was written by a newer version of the plugin (its schema version is higher than the
/// one this build knows). The plugin refuses to open it rather than downgrade or overwrite it.
/// </summary>
public sealed class StorageSchemaVersionException : StorageException
{
    /// <summary>Creates the exception for a store at <paramref name="location"/>.</summary>
    public StorageSchemaVersionException(string location, int foundVersion, int supportedVersion)
        : base($"The store at {location} has schema version {foundVersion}, newer than version {supportedVersion} that this build supports; " +
               "it was written by a newer release. Upgrade this node instead of opening the store with an older one.")
    {
        FoundVersion = foundVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The schema version recorded in the store.</summary>
    public int FoundVersion { get; }

    /// <summary>The highest schema version this build can read and write.</summary>
    public int SupportedVersion { get; }
}
