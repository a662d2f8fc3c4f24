namespace Dynamo.Cli.Bench;

/// <summary>Every written record equally likely.</summary>
public sealed class UniformKeyChooser(Random random) : IKeyChooser
{
    /// <inheritdoc />
    public long Next(long records) => random.NextInt64(records);
}
