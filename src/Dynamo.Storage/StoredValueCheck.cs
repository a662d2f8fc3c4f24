namespace Dynamo.Storage;

/// <summary>Checks a value read back against the length and checksum recorded when it was written.</summary>
internal static class StoredValueCheck
{
    public static byte[] Verify(object? raw, long recordedLength, long recordedChecksum, string location)
    {
        if (raw is not byte[] value)
        {
            var found = raw is null or DBNull ? "NULL" : raw.GetType().Name;
            throw new StorageCorruptionException($"Corrupt value at {location}: expected bytes but the value column holds {found}.");
        }
        if (value.LongLength != recordedLength)
            throw new StorageCorruptionException(
                $"Corrupt value at {location}: {value.LongLength} bytes stored but {recordedLength} recorded (truncated or altered).");
        var checksum = ValueChecksum.Compute(value);
        if (checksum != (uint)recordedChecksum)
            throw new StorageCorruptionException(
                $"Corrupt value at {location}: checksum 0x{checksum:X8} does not match the recorded 0x{(uint)recordedChecksum:X8}.");
        return value;
    }
}
