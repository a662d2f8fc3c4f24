using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Remote.Tests;

public class RemoteSettingsTests
{
    [Fact]
    public void The_reference_configuration_binds_to_the_defaults()
    {
        Assert.Equal(new RemoteSettings(), RemoteSettings.FromConfig(ConfigurationFactory.Reference()));
    }

    [Fact]
    public void Node_file_values_override_the_reference()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.remote { hostname = "127.0.0.2", port = 4053, maximum-frame-size = 1MiB, cookie = s3cret }
            """).WithFallback(ConfigurationFactory.Reference());
        var settings = RemoteSettings.FromConfig(config);
        Assert.Equal(("127.0.0.2", 4053, 1024 * 1024, "s3cret"),
            (settings.Hostname, settings.Port, settings.MaximumFrameSize, settings.Cookie));
    }

    [Fact]
    public void An_out_of_range_port_is_a_configuration_error_naming_the_key()
    {
        var config = ConfigurationFactory.ParseString("dynamo.remote.port = 70000").WithFallback(ConfigurationFactory.Reference());
        var e = Assert.Throws<ConfigurationException>(() => RemoteSettings.FromConfig(config));
        Assert.Contains("dynamo.remote.port", e.Message);
    }

    [Fact]
    public void Tls_loads_the_node_certificate_from_a_pkcs12_file()
    {
        using var certificate = TestCertificates.SelfSigned("node-a");
        string path = Path.Combine(Path.GetTempPath(), $"dynamo-tls-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "pw"));
        try
        {
            var config = ConfigurationFactory.ParseString($$"""
                dynamo.remote.tls { enabled = on, certificate-path = "{{path}}", certificate-password = pw }
                """).WithFallback(ConfigurationFactory.Reference());
            var tls = RemoteSettings.FromConfig(config).Tls;
            Assert.NotNull(tls);
            Assert.Equal(certificate.Thumbprint, tls.Certificate.Thumbprint);
            Assert.True(tls.Certificate.HasPrivateKey);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_tls_certificate_is_a_configuration_error()
    {
        var config = ConfigurationFactory.ParseString("""dynamo.remote.tls { enabled = on, certificate-path = "/nonexistent/node.pfx" }""")
            .WithFallback(ConfigurationFactory.Reference());
        var e = Assert.Throws<ConfigurationException>(() => RemoteSettings.FromConfig(config));
        Assert.Contains("/nonexistent/node.pfx", e.Message);
    }
}
