using System.Net.Security;
using Dynamo.Actors.Remote.Events;

namespace Dynamo.Actors.Remote.Tests;

public class TlsTests
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Cluster = TestCertificates.SelfSigned("dynamo-cluster");

    private static RemoteSettings WithTls(TlsSettings tls) => TestNode.DefaultSettings with { Tls = tls };

    [Fact(Timeout = 30_000)]
    public async Task Nodes_with_trusted_certificates_associate_over_tls()
    {
        var tls = TestCertificates.Trusting(Cluster, Cluster);
        await using var a = await TestNode.StartAsync("a", WithTls(tls));
        await using var b = await TestNode.StartAsync("b", WithTls(tls));

        a.Remoting.Send(b.Address, "/user/x", null, "secret");
        await Eventually.True(() => b.ReceivedStrings.Contains("secret"), "the envelope crossed TLS");
        b.Remoting.Send(a.Address, "/user/x", null, "reply");
        await Eventually.True(() => a.ReceivedStrings.Contains("reply"), "the reply crossed TLS");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_node_whose_certificate_is_not_trusted_is_refused()
    {
        var stranger = TestCertificates.SelfSigned("stranger");
        await using var b = await TestNode.StartAsync("b", WithTls(TestCertificates.Trusting(Cluster, Cluster)));
        await using var c = await TestNode.StartAsync("c", WithTls(TestCertificates.Trusting(stranger, Cluster)));

        c.Remoting.Send(b.Address, "/user/x", null, "let me in");

        await Eventually.True(() => c.Events.OfType<AssociationFailed>().Any(), "the stranger's association failed");
        await Eventually.True(() => b.Logged(RemoteLogLevel.Warning, "Refused connection"), "b logged the refusal");
        Assert.Empty(b.Received);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_client_without_a_certificate_is_refused_and_others_still_get_through()
    {
        var tls = TestCertificates.Trusting(Cluster, Cluster);
        await using var b = await TestNode.StartAsync("b", WithTls(tls));
        await using var friend = await TestNode.StartAsync("friend", WithTls(tls));
        using var raw = await RawClient.ConnectAsync(b.Address);
        var ssl = new SslStream(raw.Stream, leaveInnerStreamOpen: true, (_, _, _, _) => true);

        bool refused;
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1" }).WaitAsync(TimeSpan.FromSeconds(5));
            // With TLS 1.3 the server may judge the client only after the client's side of the handshake completed.
            var buffer = new byte[16];
            refused = await ssl.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5)) == 0;
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            refused = true;
        }

        Assert.True(refused, "a client without a certificate was served");
        friend.Remoting.Send(b.Address, "/user/x", null, "hi");
        await Eventually.True(() => b.ReceivedStrings.Contains("hi"), "the friend got through");
        await ssl.DisposeAsync();
    }
}
