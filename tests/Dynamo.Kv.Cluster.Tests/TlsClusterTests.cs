using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Dynamo.Kv.Hosting;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>
/// Node-to-node TLS with mutual authentication through Akka.Remote's SSL settings: members that present the
/// pinned certificate form a cluster; a node with another certificate cannot join.
/// </summary>
public sealed class TlsClusterTests : IDisposable
{
    private const string Password = "test-only";
    private readonly string _folder = Directory.CreateTempSubdirectory("dynamo-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact(Timeout = 90_000)]
    public async Task Members_with_the_pinned_certificate_form_a_cluster_and_a_node_with_another_certificate_cannot_join()
    {
        var trusted = Certificate("trusted");
        var stranger = Certificate("stranger");
        int seedPort = FreePorts.One(), memberPort = FreePorts.One(), strangerPort = FreePorts.One();
        string seed = $"akka.ssl.tcp://dynamo@127.0.0.1:{seedPort}";

        await using var a = await StartAsync(seedPort, seed, trusted, trusted.Thumbprint);
        await using var b = await StartAsync(memberPort, seed, trusted, trusted.Thumbprint);
        await Eventually.UntilAsync(() => Up(a.Cluster) == 2 && Up(b.Cluster) == 2, "two members with the pinned certificate Up");
        Assert.Equal("akka.ssl.tcp", a.Cluster.SelfAddress.Protocol);

        // The stranger trusts its own certificate, so only the members' pinning can keep it out. Akka.Remote stops an
        // actor system whose handshake failed, which may come before the stranger's store has started: then its start
        // fails; either way it never joins.
        KvNode? c = null;
        try
        {
            c = await StartAsync(strangerPort, seed, stranger, stranger.Thumbprint);
        }
        catch (InvalidOperationException e)
        {
            Assert.Contains("terminat", e.Message, StringComparison.Ordinal);
        }
        await using var strangerNode = c;
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal(2, Up(a.Cluster));
        Assert.DoesNotContain(a.Cluster.State.Members, m => m.Address.Port == strangerPort);
        if (c is not null) Assert.NotEqual(MemberStatus.Up, c.Cluster.SelfMember.Status);
    }

    private static int Up(Akka.Cluster.Cluster cluster) => cluster.State.Members.Count(m => m.Status == MemberStatus.Up);

    private static Task<KvNode> StartAsync(int port, string seed, X509Certificate2 certificate, string pinned)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp {
              hostname = "127.0.0.1"
              port = {{port}}
              enable-ssl = true
              ssl {
                suppress-validation = false
                require-mutual-authentication = true
              }
            }
            akka.cluster.seed-nodes = ["{{seed}}"]
            dynamo.persistence.plugin = memory
            dynamo.kv.ring-partitions = 8
            """).WithFallback(ConfigurationFactory.ParseString(ShortTimings.Hocon)).WithFallback(TestConfig.ClusterMember);
        // The certificate comes with the setup rather than a file path (ssl.certificate.path in HOCON works too).
        // Self-signed certificates chain to no trusted root: the members accept exactly the pinned thumbprint.
        var ssl = new DotNettySslSetup(certificate, suppressValidation: false, requireMutualAuthentication: true,
            CertificateValidation.PinnedCertificate(pinned));
        return KvNode.StartAsync(config, new KvNodeOptions { Setups = [ssl] });
    }

    private X509Certificate2 Certificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, created.Export(X509ContentType.Pfx, Password));
        return X509CertificateLoader.LoadPkcs12FromFile(path, Password);
    }
}
