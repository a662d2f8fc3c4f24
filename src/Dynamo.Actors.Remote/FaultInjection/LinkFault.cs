namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>What happens to frames on one directed link: all lost, a fraction lost, or held back for a while.</summary>
/// <param name="Blackhole">Every frame is lost.</param>
/// <param name="DropFraction">Fraction of frames lost, 0..1, drawn from the seeded random source.</param>
/// <param name="Delay">Extra latency added to every frame that is not lost; order is kept.</param>
public sealed record LinkFault(bool Blackhole = false, double DropFraction = 0, TimeSpan Delay = default)
{
    /// <summary>A healthy link.</summary>
    public static LinkFault None { get; } = new();

    /// <summary>True when this fault changes nothing.</summary>
    public bool IsNone => !Blackhole && DropFraction <= 0 && Delay <= TimeSpan.Zero;
}
