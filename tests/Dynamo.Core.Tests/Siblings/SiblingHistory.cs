using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;

namespace Dynamo.Core.Tests.Siblings;

/// <summary>
/// A random history over a few replicas: clients write through random coordinators with contexts
/// read from random replicas, and replicas occasionally sync. Deterministic for a seed.
/// </summary>
internal static class SiblingHistory
{
    public static SiblingSet[] Replicas(int seed, int replicaCount = 3, int steps = 30)
    {
        var random = new Random(seed);
        var replicas = Enumerable.Repeat(SiblingSet.Empty, replicaCount).ToArray();
        var contexts = new List<CausalContext> { CausalContext.Empty };
        for (var step = 0; step < steps; step++)
        {
            var r = random.Next(replicaCount);
            switch (random.Next(4))
            {
                case 0:
                    contexts.Add(replicas[r].Context);
                    break;
                case 1:
                    replicas[r] = replicas[r].Sync(replicas[random.Next(replicaCount)]);
                    break;
                default:
                    var context = contexts[random.Next(contexts.Count)];
                    var value = random.Next(5) == 0
                        ? Sibling.Tombstone(step)
                        : Values.Of($"s{seed}-{step}", random.Next(100));
                    replicas[r] = replicas[r].Update(context, value, $"node{r}");
                    break;
            }
        }

        return replicas;
    }
}
