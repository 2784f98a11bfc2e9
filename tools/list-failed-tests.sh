#!/usr/bin/env bash
# Prints one line per failed test in a results directory (TRX and JUnit XML), with the
# first line of its failure message, so the end of a CI log names what failed.
#
#   tools/list-failed-tests.sh DIR
set -euo pipefail
dir=${1:?usage: $0 DIR}
shopt -s nullglob
command -v python3 >/dev/null || { echo "  (python3 not found; see the result files)"; exit 0; }
for f in "$dir"/*.trx "$dir"/*.junit.xml; do
  python3 - "$f" <<'PY'
import sys, xml.etree.ElementTree as ET
path = sys.argv[1]
name = path.rsplit('/', 1)[-1]
root = ET.parse(path).getroot()
def local(tag): return tag.rsplit('}', 1)[-1]
def first_line(text): return (text or '').strip().splitlines()[0][:300] if (text or '').strip() else ''
if path.endswith('.trx'):
    for r in root.iter():
        if local(r.tag) == 'UnitTestResult' and r.get('outcome') in ('Failed', 'Error', 'Timeout', 'Aborted'):
            msg = ''
            for m in r.iter():
                if local(m.tag) == 'Message':
                    msg = first_line(m.text); break
            print(f"  {name}: {r.get('testName')}\n      {msg}")
else:
    for case in root.iter('testcase'):
        bad = [c for c in case if c.tag in ('failure', 'error')]
        if bad:
            msg = first_line(bad[0].get('message') or bad[0].text)
            print(f"  {name}: {case.get('classname', '')} {case.get('name')}\n      {msg}")
PY
done
