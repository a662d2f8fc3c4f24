namespace Dynamo.Kv.Hosting;

/// <summary>
/// The key under which <see cref="DynamoHosting.WithDynamo"/> registers the store's entry actor in Akka.Hosting's
/// <c>ActorRegistry</c>: the request router on a member that runs the store, the <see cref="StoreProxy"/> on any
/// other member. Send it the client protocol (Get, Put, Delete, SetBucketProps, GetBucketProps from
/// Dynamo.Protocol); inject it as <c>IRequiredActor&lt;DynamoStore&gt;</c>.
/// </summary>
public sealed class DynamoStore
{
    private DynamoStore()
    {
    }
}
