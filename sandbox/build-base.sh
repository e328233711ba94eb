#!/usr/bin/env bash
# Builds the sandbox base image from Debian's own packages, for machines where no
# container registry is reachable (nothing can be pulled). Needs root, debootstrap
# and a running Docker engine. About a minute; the image is ~200 MB.
#
#   sandbox/build-base.sh [TAG] [MIRROR]
#   TAG    default aspire-sandbox-base:bookworm
#   MIRROR default: the Debian mirror this machine's apt uses
set -euo pipefail

tag=${1:-aspire-sandbox-base:bookworm}

# The mirror apt already uses here is the one that is known to be reachable.
# Deb822 (/etc/apt/sources.list.d/*.sources) first, then the classic one-line format.
apt_uri() { # $1: regex the URI must match
  { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/\[[^]]*\] *//' | awk '{print $2}'
  } | grep -E "$1" | head -n1 || true
}
mirror=${2:-$(apt_uri '/debian/?$')}
mirror=${mirror:-http://deb.debian.org/debian}
security=$(apt_uri '/debian-security/?$')

dir=$(mktemp -d /var/tmp/aspire-base.XXXXXX)
trap 'rm -rf "$dir"' EXIT

echo "==> debootstrap bookworm from $mirror (log: $dir.log)"
debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$dir.log" 2>&1 ||
  { tail -n 30 "$dir.log" >&2; echo "debootstrap failed, full log: $dir.log" >&2; exit 1; }

# Same suites as debian:bookworm-slim, so images built on either base get the same fixes.
{ echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [ -n "$security" ] && echo "deb $security bookworm-security main"
} >"$dir/etc/apt/sources.list"
# Downloaded packages and indexes are dead weight in an image (Dockerfiles run apt-get update).
rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/*.log

echo "==> importing $tag"
tar -C "$dir" -c . | docker import \
  -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  -c 'CMD ["bash"]' - "$tag" >/dev/null
rm -f "$dir.log"
