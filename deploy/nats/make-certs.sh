#!/usr/bin/env sh
# Makes a self-signed CA and one server certificate for the NATS nodes, for trying Liaison on
# one host: deploy/nats/make-certs.sh [dir] (default deploy/nats/certs). In production, use
# certificates from your own CA with the nodes' names; the file names are what the config reads.
set -eu
dir="${1:-$(dirname "$0")/certs}"
names="${NATS_CERT_NAMES:-DNS:nats-1,DNS:nats-2,DNS:nats-3,DNS:nats,DNS:localhost,IP:127.0.0.1}"
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey rsa:3072 -nodes -days 825 -subj "/CN=Liaison NATS CA" \
  -keyout ca-key.pem -out ca.pem 2>/dev/null
openssl req -newkey rsa:3072 -nodes -subj "/CN=nats" -keyout server-key.pem -out server.csr 2>/dev/null
# serverAuth for clients, clientAuth for the routes' mutual TLS between nodes.
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\n' "$names" > server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 825 \
  -extfile server.ext -out server.pem 2>/dev/null
rm -f server.csr server.ext ca.srl
# The NATS image runs as root and reads the key; the services read only ca.pem.
chmod 644 ca.pem server.pem
chmod 600 ca-key.pem server-key.pem
echo "certificates in $dir: ca.pem (give it to the clients), server.pem, server-key.pem"
