#!/usr/bin/env bash
# Builds the firmware once per feature set, runs it under QEMU (MPS2 AN385, a Cortex-M3),
# checks what it prints against expected/SET.txt, and measures its flash (text + rodata +
# data) against the budget of that set.
#
#   embedded/run.sh                  run, check and print the size table
#   embedded/run.sh --update-readme  also rewrite the table in README.md
set -euo pipefail
cd "$(dirname "$0")"
../scripts/setup

# Wherever cargo puts it: CARGO_TARGET_DIR, relative or not, or embedded/target.
elf="$(../scripts/target-dir)/thumbv7m-none-eabi/release/ianaports-firmware"
table="| features | text | rodata | data | flash | budget |
|---|---:|---:|---:|---:|---:|"
failed=0
# set name, library features, flash budget in bytes, IANAPORTS_FILTER (empty: the whole
# registry, whatever the caller's environment says). A filtered set also turns on the
# firmware's feature of its name, which picks the queries it can answer.
sets=("names||262144|" "descriptions|descriptions|524288|" "all|descriptions,metadata|1048576|"
  "system-ports||32768|0-1023/tcp,0-1023/udp"
  "ten-services||12288|domain,ntp,http,https,ssh,mqtt,coap,syslog,snmp,dhcpv6-client")
for entry in "${sets[@]}"; do
  IFS='|' read -r set features budget filter <<<"$entry"
  build_features="$features"
  if [ -n "$filter" ]; then
    build_features="${features:+$features,}$set"
  fi
  IANAPORTS_FILTER="$filter" cargo build --quiet --release --features "$build_features"
  output=$(timeout 120 qemu-system-arm -cpu cortex-m3 -machine mps2-an385 -nographic \
    -semihosting-config enable=on,target=native -kernel "$elf" </dev/null)
  if ! diff -u "expected/$set.txt" - <<<"$output"; then
    echo "FAIL: the $set firmware printed something else" >&2
    failed=1
  fi
  read -r text rodata data flash < <(python3 elf_size.py "$elf")
  table="$table
| \`${features:-none}\` ($set${filter:+, filter \`$filter\`}) | $text | $rodata | $data | $flash | $budget |"
  if [ "$flash" -gt "$budget" ]; then
    echo "FAIL: the $set firmware takes $flash bytes of flash, over $budget" >&2
    failed=1
  fi
  echo "ok: $set firmware ran under QEMU and printed expected/$set.txt"
done

report="$table

Firmware \`embedded/\` for thumbv7m-none-eabi, release with LTO, measured by \`embedded/run.sh\`."
echo "$report"
if [ "${1:-}" = "--update-readme" ]; then
  REPORT="$report" python3 - <<'PY'
import os, re
text = open("../README.md").read()
block = "<!-- flash:begin -->\n" + os.environ["REPORT"] + "\n<!-- flash:end -->"
text, count = re.subn(r"<!-- flash:begin -->.*?<!-- flash:end -->", lambda _: block, text, flags=re.S)
assert count == 1, "README.md has no flash block"
open("../README.md", "w").write(text)
PY
fi
exit "$failed"
