namespace Dynamo.Cli.Bench;

/// <summary>The outcome of a run, as the table shows it and the JSON file holds it.</summary>
/// <param name="Parameters">The run's parameters, by option name.</param>
/// <param name="Mode">Closed or open loop, in words.</param>
/// <param name="Load">The load phase.</param>
/// <param name="WarmupOperations">Operations run during the warm-up (not in the figures), successful or not.</param>
/// <param name="MeasuredSeconds">The measured time, warm-up excluded.</param>
/// <param name="Operations">Figures per operation type the workload issued.</param>
/// <param name="Total">Figures over every operation.</param>
/// <param name="ErrorMessages">Each distinct error and how often it occurred, load phase and warm-up included.</param>
public sealed record BenchResult(IReadOnlyDictionary<string, object?> Parameters, string Mode, LoadStats Load, long WarmupOperations, double MeasuredSeconds,
    IReadOnlyList<OperationStats> Operations, OperationStats Total, IReadOnlyDictionary<string, long> ErrorMessages)
{
    /// <summary>What each node and the client spent per operation of the measured run; empty when nothing was sampled.</summary>
    public IReadOnlyList<CostPerOperation> Costs { get; init; } = [];
}
