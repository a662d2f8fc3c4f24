#!/bin/sh
# Starts a node from the mounted node file. DYNAMO_* and AKKA_* variables (e.g. AKKA_REMOTE__DOT_NETTY__TCP__HOSTNAME,
# AKKA_CLUSTER__SEED_NODES='["akka.ssl.tcp://dynamo@node1:4053"]') are read by the node's
# configuration layer itself; extra arguments (--set key=value, --seed ...) are passed through.
#
# TLS between nodes: with AKKA_REMOTE__DOT_NETTY__TCP__ENABLE_SSL=true and no file yet at
# AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PATH, a self-signed PKCS#12 certificate is generated there with
# openssl, protected by AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PASSWORD. Nodes sharing the folder start at
# once: each generates its own, and the first to link it into place wins, so all of them end up with the same
# certificate (which DYNAMO_NODE__TLS__PIN_OWN_CERTIFICATE=on then pins). A file already there is used as it is.
set -eu

certificate="${AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PATH:-}"
case "${AKKA_REMOTE__DOT_NETTY__TCP__ENABLE_SSL:-false}" in
  true|on|yes)
    if [ -n "$certificate" ] && [ ! -e "$certificate" ]; then
      : "${AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PASSWORD:?must be set to protect the generated certificate}"
      mkdir -p "$(dirname "$certificate")"
      work="$(mktemp -d "$(dirname "$certificate")/.generate.XXXXXX")"
      (
        # The private key is readable by the node's user only; the subshell keeps the node's own umask as it was.
        umask 077
        # Both extended key usages: with mutual authentication every node is a TLS server and a TLS client.
        openssl req -x509 -newkey rsa:2048 -sha256 -days 3650 -nodes -subj "/CN=dynamo-node" \
          -addext "extendedKeyUsage=serverAuth,clientAuth" \
          -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
        openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -out "$work/node.pfx" \
          -passout env:AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PASSWORD
      ) || { echo "entrypoint: openssl could not generate a certificate at $certificate" >&2; rm -rf "$work"; exit 1; }
      # A hard link fails if the target exists: exactly one node's certificate lands, whole, and every node uses it.
      if ln "$work/node.pfx" "$certificate" 2>/dev/null; then
        echo "entrypoint: generated a self-signed certificate at $certificate" >&2
      fi
      rm -rf "$work"
    fi
    ;;
esac

exec dotnet /app/Dynamo.Server.dll --config /etc/dynamo/node.conf "$@"
