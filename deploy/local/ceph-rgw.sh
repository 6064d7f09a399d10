#!/usr/bin/env bash
# A one-node Ceph object gateway (radosgw) for trying S3 Object Lock: one monitor, one in-memory OSD, one gateway,
# no cephx, all on loopback. Debian's packages: apt-get install -y --no-install-recommends ceph-mon ceph-osd radosgw
#
#   ceph-rgw.sh start <dir> <s3-port> <mon-port> <access-key> <secret-key>   prints the endpoint when it serves
#   ceph-rgw.sh stop <dir>
#
# The OSD keeps its objects in memory (2 GiB at most): everything is gone when it stops. Not for production.
set -euo pipefail

cmd=${1:?start or stop}
dir=$(realpath -m "${2:?a working folder}")

stop() { # every daemon was started with -c <dir>/ceph.conf; the OSD keeps nothing on disk, so nothing is lost
  pkill -KILL -f -- "-c $dir/ceph.conf" || true
  for _ in $(seq 1 50); do pgrep -f -- "-c $dir/ceph.conf" >/dev/null || return 0; sleep 0.1; done
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: $0 start|stop <dir> ..." >&2; exit 2; }
s3_port=${3:?the S3 port}
mon_port=${4:?the monitor port}
access_key=${5:?an access key}
secret_key=${6:?a secret key}
for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y ceph-mon ceph-osd radosgw" >&2; exit 3; }
done

rm -rf "$dir" && mkdir -p "$dir"/{mon,osd,rgw,run,log}
fsid=$(cat /proc/sys/kernel/random/uuid)
conf=$dir/ceph.conf
cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = v1:127.0.0.1:$mon_port
ms bind msgr2 = false
auth cluster required = none
auth service required = none
auth client required = none
auth allow insecure global id reclaim = true
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
run dir = $dir/run
log file = $dir/log/\$name.log
admin socket = $dir/run/\$name.asok
[mon.a]
mon data = $dir/mon
public addr = 127.0.0.1
[osd.0]
osd data = $dir/osd
osd objectstore = memstore
memstore device bytes = 2147483648
osd max object name len = 460
osd max object namespace len = 64
# placed in the CRUSH map below; at start it would ask the monitor again, which fails ("wrong fsid") when it asks
# before it has the monitor map (seen on a busy machine)
osd crush update on start = false
osd class update on start = false
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$s3_port
rgw data = $dir/rgw
CONF
trap 'echo "failed at line $LINENO: $BASH_COMMAND (logs in $dir/log)" >&2; stop' ERR
ceph="ceph -c $conf --connect-timeout 5"
monmaptool --create --addv a "[v1:127.0.0.1:$mon_port]" --fsid "$fsid" "$dir/monmap" >/dev/null
ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/monmap" 2>>"$dir/log/setup.log"
ceph-mon -c "$conf" -i a 2>>"$dir/log/setup.log"
for _ in $(seq 1 100); do $ceph -s >/dev/null 2>&1 && break; sleep 0.2; done
retry() { # a command to the monitor, again while it fails (it can refuse one while it settles)
  for _ in $(seq 1 25); do "$@" >>"$dir/log/setup.log" 2>&1 && return 0; sleep 0.2; done
  "$@"
}
retry $ceph osd create
ceph-osd -c "$conf" -i 0 --mkfs 2>>"$dir/log/setup.log"
retry $ceph osd crush add osd.0 1.0 host=localhost root=default
osd_up() { $ceph osd stat 2>/dev/null | grep -q "1 up"; }
for attempt in 1 2 3; do # an OSD that stops in its start (a busy machine) is started again
  ceph-osd -c "$conf" -i 0 2>>"$dir/log/setup.log"
  for _ in $(seq 1 100); do osd_up && break; pgrep -f -- "ceph-osd -c $conf" >/dev/null || break; sleep 0.2; done
  osd_up && break
  pkill -KILL -f -- "ceph-osd -c $conf" || true
  echo "the OSD did not come up (attempt $attempt)" >>"$dir/log/setup.log"
done
osd_up || { echo "the OSD did not come up: $dir/log/osd.0.log" >&2; stop; exit 4; }
radosgw -c "$conf" -n client.rgw 2>>"$dir/log/setup.log"
for _ in $(seq 1 150); do curl -s -o /dev/null "http://127.0.0.1:$s3_port" && break; sleep 0.2; done
radosgw-admin -c "$conf" user create --uid=raprelay --display-name="RAP Relay" \
  --access-key="$access_key" --secret-key="$secret_key" >/dev/null 2>>"$dir/log/setup.log"
echo "http://127.0.0.1:$s3_port"
