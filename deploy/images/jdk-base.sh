#!/usr/bin/env bash
# The services' base image, made on this machine without a registry: a Java 17 runtime cut from the local JDK
# with jlink, the shared libraries it loads (from ldd), /etc/passwd with user 185 (jboss), /tmp and /home/jboss.
# `make images` builds on it unless EGOV_BASE_IMAGE names another base (e.g. the UBI 9 OpenJDK 17 runtime,
# where its registry can be reached). Usage: jdk-base.sh OUT.tar
set -euo pipefail
OUT="${1:?usage: jdk-base.sh OUT.tar}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
ROOT="$(mktemp -d)"; trap 'rm -rf "$ROOT"' EXIT
RT="$ROOT/opt/java"
mkdir -p "$ROOT/opt" "$ROOT/proc" "$ROOT/tmp" "$ROOT/home/jboss" "$ROOT/etc"
# The modules a Quarkus service uses (java.se with crypto, JFR, JMX, DNS, locales, zipfs), without the JDK's tools.
"$JDK/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent,jdk.jfr,jdk.naming.dns,jdk.localedata,jdk.net,jdk.jcmd,jdk.security.auth,jdk.security.jgss \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$RT"
# Desktop natives (X11, sound, fonts): a headless service never loads them; without them no X11 library is needed.
rm -f "$RT"/lib/{libawt_xawt,libsplashscreen,libjsound,libfontmanager,libjawt,liblcms,libjavajpeg}.so
# The system libraries the runtime links against, with the dynamic loader.
find "$RT" -type f \( -name '*.so' -o -path "$RT/bin/*" \) -print0 | xargs -0 ldd 2>/dev/null \
  | awk -v rt="$RT" '/=> \// && index($3, rt) != 1 {print $3} /^[ \t]*\/lib/ {print $1}' | sort -u \
  | while read -r lib; do
      mkdir -p "$ROOT$(dirname "$lib")"
      cp -L "$lib" "$ROOT$lib"
    done
if [ -d "$ROOT/lib" ] && [ ! -e "$ROOT/usr/lib" ]; then mkdir -p "$ROOT/usr"; ln -s ../lib "$ROOT/usr/lib"; fi
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:jboss:/home/jboss:/sbin/nologin\n' > "$ROOT/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$ROOT/etc/group"
python3 "$HERE/base-image.py" "$ROOT" "$OUT" egov-pulse/jdk-base:17 \
  JAVA_HOME=/opt/java PATH=/opt/java/bin:/usr/bin:/bin LANG=C.UTF-8
