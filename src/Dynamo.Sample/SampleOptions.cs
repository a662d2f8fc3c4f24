using System.Globalization;

namespace Dynamo.Sample;

/// <summary>The sample's command line: where it listens, which member it joins, and whether it runs the store.</summary>
public sealed record SampleOptions(string Seed, int RemotePort, int HttpPort, bool Store, string DataDirectory, IReadOnlyList<string> Settings)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: Dynamo.Sample --seed HOST:PORT [--port PORT] [--http-port PORT] [--store] [--data-dir DIR] [--set KEY=VALUE]...
          --seed       a member of the store's cluster (a Dynamo.Server node's remoting address)
          --port       this member's remoting port (default 4070)
          --http-port  this service's HTTP port (default 5070)
          --store      also run the store on this member (adds the role "dynamo": vnodes and coordinators)
          --data-dir   where the store's journal lives with --store (default ./sample-data)
          --set        a HOCON setting for the store, e.g. --set dynamo.kv.ring-partitions=16; it must agree with the
                       cluster's nodes on the ring (ring-partitions) and the bucket defaults
        """;

    /// <summary>Reads <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or the seed is missing.</exception>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        string? seed = null;
        int remotePort = 4070, httpPort = 5070;
        bool store = false;
        string dataDirectory = "sample-data";
        var settings = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Port() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                ? p
                : throw new ArgumentException($"{args[i - 1]} needs a port between 1 and 65535");
            switch (args[i])
            {
                case "--seed": seed = Value(); break;
                case "--port": remotePort = Port(); break;
                case "--http-port": httpPort = Port(); break;
                case "--store": store = true; break;
                case "--data-dir": dataDirectory = Value(); break;
                case "--set": settings.Add(Value()); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return new SampleOptions(seed ?? throw new ArgumentException("--seed is required"), remotePort, httpPort, store, dataDirectory, settings);
    }
}
