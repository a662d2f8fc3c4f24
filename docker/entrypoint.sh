#!/bin/sh
# Starts a node from the mounted node file. DYNAMO_* and AKKA_* variables (e.g. AKKA_REMOTE__DOT_NETTY__TCP__HOSTNAME,
# AKKA_CLUSTER__SEED_NODES='["akka.tcp://dynamo@node1:4053"]') are read by the node's
# configuration layer itself; extra arguments (--set key=value, --seed ...) are passed through.
set -eu
exec dotnet /app/Dynamo.Server.dll --config /etc/dynamo/node.conf "$@"
