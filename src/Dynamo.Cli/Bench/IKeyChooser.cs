namespace Dynamo.Cli.Bench;

/// <summary>Picks the record a request touches. Not thread-safe: each client owns one.</summary>
public interface IKeyChooser
{
    /// <summary>A record number in [0, <paramref name="records"/>), where <paramref name="records"/> are the records known written.</summary>
    long Next(long records);
}
