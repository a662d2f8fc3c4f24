using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Dynamo.Configuration;
using Dynamo.Server.Cluster;

namespace Dynamo.Server.Tests;

/// <summary>dynamo.node.tls turned into Akka.Remote's TLS setup: the certificate presented and the ones accepted.</summary>
public sealed class RemoteTlsPinningTests : IDisposable
{
    private const string Password = "test-only";
    private readonly string _folder = Directory.CreateTempSubdirectory("dynamo-pinning-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Nothing_pinned_leaves_validation_to_akka_remote()
    {
        Assert.Null(RemoteTlsPinning.SetupFor(Config("akka.remote.dot-netty.tcp.enable-ssl = true")));
        Assert.Null(RemoteTlsPinning.SetupFor(DynamoConfig.Reference()));
    }

    [Fact]
    public void Pinning_its_own_certificate_presents_it_and_accepts_only_it()
    {
        var (own, path) = Certificate("own");
        var (stranger, _) = Certificate("stranger");
        var setup = RemoteTlsPinning.SetupFor(Tls(path, "dynamo.node.tls.pin-own-certificate = on"));

        Assert.NotNull(setup);
        Assert.Equal(own.Thumbprint, setup.Certificate.Thumbprint);
        Assert.True(setup.Certificate.HasPrivateKey);
        Assert.False(setup.SuppressValidation);
        Assert.True(setup.RequireMutualAuthentication);
        Assert.True(Accepts(setup.CustomValidator!, own));
        Assert.False(Accepts(setup.CustomValidator!, stranger));
    }

    [Fact]
    public void Pinned_thumbprints_are_accepted_in_openssl_form_and_the_own_certificate_only_when_asked()
    {
        var (own, path) = Certificate("own");
        var (peer, _) = Certificate("peer");
        string opensslForm = string.Join(':', Convert.FromHexString(peer.Thumbprint).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        var setup = RemoteTlsPinning.SetupFor(Tls(path, $"dynamo.node.tls.pinned-thumbprints = [\"{opensslForm}\"]"));

        Assert.NotNull(setup);
        Assert.True(Accepts(setup.CustomValidator!, peer));
        Assert.False(Accepts(setup.CustomValidator!, own));
    }

    [Theory]
    [InlineData("akka.remote.dot-netty.tcp.enable-ssl = false", "enable-ssl is off")]
    [InlineData("akka.remote.dot-netty.tcp.ssl.suppress-validation = true", "suppress-validation")]
    [InlineData("akka.remote.dot-netty.tcp.ssl.certificate.path = \"\"", "certificate.path")]
    [InlineData("akka.remote.dot-netty.tcp.ssl.certificate.password = wrong", "cannot be read")]
    public void Pinning_refuses_to_start_without_what_it_needs(string setting, string named)
    {
        var (_, path) = Certificate("own");
        var config = ConfigurationFactory.ParseString(setting).WithFallback(Tls(path, "dynamo.node.tls.pin-own-certificate = on"));

        var error = Assert.Throws<ConfigurationException>(() => RemoteTlsPinning.SetupFor(config));
        Assert.Contains(named, error.Message);
    }

    private Config Tls(string path, string pinning) => Config($$"""
        {{pinning}}
        akka.remote.dot-netty.tcp {
          enable-ssl = true
          ssl.certificate { path = "{{path}}", password = "{{Password}}" }
        }
        """);

    private static Config Config(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(DynamoConfig.Reference());

    private static bool Accepts(Akka.Remote.Transport.DotNetty.CertificateValidationCallback validator, X509Certificate2 peer)
    {
        using var chain = new X509Chain();
        return validator(peer, chain, "peer", SslPolicyErrors.RemoteCertificateChainErrors, NoLogger.Instance);
    }

    private (X509Certificate2 Certificate, string Path) Certificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_folder, name + ".pfx");
        File.WriteAllBytes(path, created.Export(X509ContentType.Pfx, Password));
        return (X509CertificateLoader.LoadPkcs12FromFile(path, Password), path);
    }
}
