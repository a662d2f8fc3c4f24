using System.Security.Cryptography.X509Certificates;

namespace Dynamo.Actors.Remote;

/// <summary>
/// TLS for remoting: every node presents <see cref="Certificate"/> and accepts a peer only if the peer's
/// certificate chains to one of <see cref="TrustedCertificates"/>. Both sides check, so a client without
/// a trusted certificate is refused. Host names are not checked: peers are identified by the association
/// handshake, and cluster nodes are usually addressed by IP.
/// </summary>
/// <param name="Certificate">This node's certificate, with its private key.</param>
/// <param name="TrustedCertificates">Roots (or self-signed peer certificates) that a peer's certificate must chain to.</param>
public sealed record TlsSettings(X509Certificate2 Certificate, X509Certificate2Collection TrustedCertificates);
