#!/bin/sh
# Starts a node from the mounted node file. DYNAMO_* variables (e.g. DYNAMO_REMOTE__HOSTNAME,
# DYNAMO_CLUSTER__SEED_NODES='["dynamo.tcp://dynamo@node1:4053"]') are read by the node's
# configuration layer itself; extra arguments (--set key=value, --seed ...) are passed through.
set -eu
exec dotnet /app/Dynamo.Server.dll --config /etc/dynamo/node.conf "$@"
