using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using Dynamo.Configuration;

namespace Dynamo.Server.Cluster;

/// <summary>
/// Certificate pinning for node-to-node TLS, from <c>dynamo.node.tls</c>. Akka.Remote's HOCON accepts a peer whose
/// certificate chains to a root the machine trusts, or (suppress-validation) any certificate; pinning, which a
/// self-signed certificate needs, exists only as a <see cref="DotNettySslSetup"/> with
/// <see cref="CertificateValidation.PinnedCertificate"/>. This turns the HOCON keys into that setup.
/// </summary>
public static class RemoteTlsPinning
{
    private const string Section = "dynamo.node.tls";
    private const string Ssl = "akka.remote.dot-netty.tcp.ssl";

    /// <summary>
    /// The setup a member of <paramref name="config"/> starts with, or null when <c>dynamo.node.tls</c> pins nothing
    /// (Akka.Remote then validates as its own HOCON says). The setup presents the PKCS#12 certificate of
    /// <c>ssl.certificate.path</c> and accepts only peers presenting a pinned one: the thumbprints of
    /// <c>pinned-thumbprints</c>, and this certificate itself with <c>pin-own-certificate</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">Pinning is asked without TLS, with suppress-validation, or without a readable certificate file.</exception>
    public static DotNettySslSetup? SetupFor(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tls = config.GetConfig(Section) ?? Config.Empty;
        var pinned = tls.ReadStringList(Section, "pinned-thumbprints").Select(Normalize).ToList();
        bool pinOwn = tls.ReadBoolean(Section, "pin-own-certificate");
        if (pinned.Count == 0 && !pinOwn) return null;
        if (!config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"))
            throw ConfigErrors.InvalidValue(Section, pinOwn ? "pin-own-certificate" : "pinned-thumbprints", "pins certificates, but akka.remote.dot-netty.tcp.enable-ssl is off");
        if (config.GetBoolean($"{Ssl}.suppress-validation"))
            throw ConfigErrors.InvalidValue(Ssl, "suppress-validation", "must be off when dynamo.node.tls pins certificates: it would accept any certificate");
        var certificate = Load(config);
        if (pinOwn) pinned.Add(certificate.Thumbprint);
        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: config.GetBoolean($"{Ssl}.require-mutual-authentication", true),
            validateCertificateHostname: config.GetBoolean($"{Ssl}.validate-certificate-hostname", false),
            CertificateValidation.PinnedCertificate([.. pinned.Distinct(StringComparer.Ordinal)]));
    }

    private static X509Certificate2 Load(Config config)
    {
        var path = config.GetString($"{Ssl}.certificate.path", "");
        if (string.IsNullOrWhiteSpace(path))
            throw ConfigErrors.InvalidValue($"{Ssl}.certificate", "path", "must name this node's PKCS#12 certificate when dynamo.node.tls pins certificates");
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, config.GetString($"{Ssl}.certificate.password", ""));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw ConfigErrors.InvalidValue($"{Ssl}.certificate", "path", $"'{path}' cannot be read as a PKCS#12 certificate with the configured password: {e.Message}");
        }
    }

    // openssl prints SHA1 fingerprints as AB:CD:...; .NET's Thumbprint is the same bytes in upper-case hex without colons.
    private static string Normalize(string thumbprint) =>
        thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
