#!/usr/bin/env bash
# Makes the Dockerfile's two base images without a container registry (docs/scale-out.md, "Without a registry"):
#   localhost/maple-dotnet-runtime:10.0  Debian 12 (debootstrap from a Debian mirror) + this machine's .NET runtime
#   localhost/maple-dotnet-sdk:10.0      the same Debian 12 + this machine's whole .NET SDK
# Use them as
#   podman build --build-arg SDK_IMAGE=localhost/maple-dotnet-sdk:10.0 \
#                --build-arg RUNTIME_IMAGE=localhost/maple-dotnet-runtime:10.0 -t maple-cli:latest .
# or, with a 'dotnet publish' output made on this machine, docker/prebuilt.Dockerfile (needs only the runtime image).
# The .NET bits are copied from the SDK installed here (DOTNET_ROOT, else the directory of 'dotnet' on PATH), so the
# images carry exactly the .NET this machine builds and tests with. Needs root (debootstrap) and podman or docker.
# Environment: DEBIAN_MIRROR (default: the first deb.debian.org-style URI in /etc/apt/sources.list*),
# CONTAINER_TOOL (podman | docker; default: podman when on PATH), SKIP_SDK=1 (runtime image only), REBUILD=1 (bootstrap
# Debian again), EXTRA_CA_DIR (root certificates *.crt to trust; default /usr/local/share/ca-certificates).
set -euo pipefail

tool=${CONTAINER_TOOL:-$(command -v podman >/dev/null && echo podman || echo docker)}
mirror=${DEBIAN_MIRROR:-$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
  awk '($1 == "URIs:" || $1 == "deb") && $2 ~ /^https?:\/\/.*\/debian\/?$/ { print $2; exit }' || true)}
mirror=${mirror:-http://deb.debian.org/debian}
dotnet_root=${DOTNET_ROOT:-$(dirname "$(readlink -f "$(command -v dotnet)")")}
runtime_dir=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/10.* 2>/dev/null | sort -V | tail -n1)
[[ -n "$runtime_dir" ]] || { echo "no .NET 10 runtime under $dotnet_root/shared/Microsoft.NETCore.App: set DOTNET_ROOT" >&2; exit 3; }
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 3; }

work=$(mktemp -d "${TMPDIR:-/var/tmp}/maple-images.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Debian 12 with what .NET and libtorch load: ICU, OpenSSL, zlib, libstdc++, OpenMP, fontconfig (SkiaSharp).
# An existing localhost/maple-debian:bookworm is kept (REBUILD=1 bootstraps it again).
if [[ "${REBUILD:-}" == 1 ]] || ! "$tool" image inspect localhost/maple-debian:bookworm >/dev/null 2>&1; then
  echo "debootstrap bookworm from $mirror" >&2
  debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,libgomp1,libfontconfig1 \
    bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
  rm -rf "$work"/rootfs/var/cache/apt/archives/*.deb "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/var/log/*
  tar --numeric-owner -C "$work/rootfs" -c . | "$tool" import --change 'ENV LANG=C.UTF-8' - localhost/maple-debian:bookworm >/dev/null
  rm -rf "$work/rootfs"
fi

# The runtime image: the 'dotnet' host, hostfxr and Microsoft.NETCore.App, as mcr.microsoft.com/dotnet/runtime has, and
# the machine's own root certificates (a TLS-inspecting proxy's CA: the SDK stage restores from nuget.org through it).
mkdir -p "$work/ctx/dotnet/shared/Microsoft.NETCore.App" "$work/ctx/ca"
cp -a "$dotnet_root"/dotnet "$dotnet_root"/host "$dotnet_root"/LICENSE.txt "$dotnet_root"/ThirdPartyNotices.txt "$work/ctx/dotnet/"
cp -a "$runtime_dir" "$work/ctx/dotnet/shared/Microsoft.NETCore.App/"
find "${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}" -name '*.crt' -exec cp {} "$work/ctx/ca/" \; 2>/dev/null || true
cat >"$work/runtime.Dockerfile" <<EOF
FROM localhost/maple-debian:bookworm
COPY ca/ /usr/local/share/ca-certificates/
COPY dotnet/ /usr/share/dotnet/
RUN update-ca-certificates >/dev/null && ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
EOF
"$tool" build -q -f "$work/runtime.Dockerfile" -t localhost/maple-dotnet-runtime:10.0 "$work/ctx" >/dev/null
rm -rf "$work/ctx"

if [[ "${SKIP_SDK:-}" != 1 ]]; then
  cat >"$work/sdk.Dockerfile" <<EOF
FROM localhost/maple-dotnet-runtime:10.0
COPY . /usr/share/dotnet/
EOF
  "$tool" build -q -f "$work/sdk.Dockerfile" -t localhost/maple-dotnet-sdk:10.0 "$dotnet_root" >/dev/null
fi
"$tool" images --filter reference='localhost/maple-*'
