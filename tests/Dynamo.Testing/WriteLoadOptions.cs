namespace Dynamo.Testing;

/// <summary>The shape of a <see cref="WriteLoad"/>: how many clients, over which keys and nodes, for how long, with which quorums and mix.</summary>
public sealed record WriteLoadOptions
{
    /// <summary>Concurrent clients (C), each issuing one request at a time.</summary>
    public int Clients { get; init; } = 4;

    /// <summary>Keys (K) the clients pick from uniformly, named <c>k0</c> … <c>k{K-1}</c>.</summary>
    public int Keys { get; init; } = 20;

    /// <summary>How long the load runs at most.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Operations (reads included, whatever their outcome) after which the load stops; null: only <see cref="Duration"/> bounds it.</summary>
    public int? MaxOperations { get; init; }

    /// <summary>The nodes clients send to; client c starts at node c and moves on by one each operation. Null: every node of the cluster.</summary>
    public IReadOnlyList<int>? Nodes { get; init; }

    /// <summary>The write quorum sent with each write, by target node; null (or a null answer) uses the bucket's.</summary>
    public Func<int, int?>? W { get; init; }

    /// <summary>The read quorum of the reads of read-modify-writes, by target node; null (or a null answer) uses the bucket's.</summary>
    public Func<int, int?>? R { get; init; }

    /// <summary>Share of operations that are blind puts (no context); 0..1.</summary>
    public double BlindWriteShare { get; init; } = 0.2;

    /// <summary>Share of operations that read the key, then delete what they read; 0..1. The rest read, then put.</summary>
    public double DeleteShare { get; init; } = 0.1;

    /// <summary>Pause each client takes between operations, so the load stays modest on a shared machine.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Seeds the choice of keys and operations.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the options, naming the first bad one.</summary>
    public void Validate()
    {
        if (Clients < 1) throw new ArgumentOutOfRangeException(nameof(Clients), Clients, "at least one client is needed");
        if (Keys < 1) throw new ArgumentOutOfRangeException(nameof(Keys), Keys, "at least one key is needed");
        if (Duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "the duration must be positive");
        if (MaxOperations is < 1) throw new ArgumentOutOfRangeException(nameof(MaxOperations), MaxOperations, "at least one operation, or null");
        if (BlindWriteShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(BlindWriteShare), BlindWriteShare, "a share is within 0..1");
        if (DeleteShare is < 0 or > 1 || BlindWriteShare + DeleteShare > 1)
            throw new ArgumentOutOfRangeException(nameof(DeleteShare), DeleteShare, "a share within 0..1, and blind writes plus deletes at most 1");
        if (Nodes is { Count: 0 }) throw new ArgumentException("the list of nodes is empty; pass null for every node", nameof(Nodes));
    }
}
