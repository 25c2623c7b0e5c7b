#!/usr/bin/env bash
# Makes the secrets docker-compose.yml mounts, once: the PostgreSQL password, a key-encryption key (32 random
# bytes, base64) and the agent CA (a self-signed certificate and its PKCS#8 key). Needs openssl.
# Files already present are kept, so running it again changes nothing. Usage: deploy/compose/init-secrets.sh [dir]
set -euo pipefail
dir="${1:-$(cd "$(dirname "$0")" && pwd)/secrets}"
mkdir -p "$dir"
chmod 700 "$dir"   # other users of this machine cannot reach the files

umask 022          # the files themselves must be readable by the containers' users (compose bind-mounts them as they are)
[ -s "$dir/postgres-password" ] || openssl rand -hex 24 > "$dir/postgres-password"
[ -s "$dir/key-encryption-key" ] || openssl rand -base64 32 > "$dir/key-encryption-key"
if [ ! -s "$dir/agent-ca.key" ] || [ ! -s "$dir/agent-ca.crt" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/agent-ca.key" 2>/dev/null
  openssl req -x509 -new -key "$dir/agent-ca.key" -sha256 -days 3650 -subj "/CN=Mooring agent CA (compose)" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$dir/agent-ca.crt"
fi
chmod 644 "$dir"/postgres-password "$dir"/key-encryption-key "$dir"/agent-ca.crt "$dir"/agent-ca.key
echo "Secrets for docker compose are in $dir"
