#!/usr/bin/env bash
# Sums test result files in a directory: VSTest TRX (*.trx) and JUnit XML (*.junit.xml).
#
#   tools/sum-test-results.sh DIR
#
# stdout: one line "PASSED FAILED SKIPPED FILES" (numbers, for scripts).
# stderr: one line per result file, for people.
#
# TRX: the <Counters> element. failed = failed + error + timeout + aborted;
#      skipped = everything else that did not pass (xunit's skipped tests are "notExecuted").
# JUnit: leaf <testsuite> elements (nested suites would otherwise count twice):
#      failed = failures + errors, skipped = skipped (or disabled), passed = tests - both.
#      A file with only a <testsuites> root uses the root's attributes.
# Plain awk (Debian's default is mawk), no XML library: each record is one tag (RS="<").
set -euo pipefail

dir=${1:?usage: $0 DIR}
shopt -s nullglob
files=("$dir"/*.trx "$dir"/*.junit.xml)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "0 0 0 0"
  exit 0
fi

awk -v RS='<' '
  function attr(tag, name,    m) {
    if (match(tag, "[ \t\r\n]" name "=\"[^\"]*\"")) {
      m = substr(tag, RSTART, RLENGTH)
      sub(/^[ \t\r\n]*[A-Za-z]+="/, "", m)
      sub(/"$/, "", m)
      return m + 0
    }
    return 0
  }
  function has_attr(tag, name) { return match(tag, "[ \t\r\n]" name "=\"") > 0 }
  function tagname(rec,    n, closing) {
    closing = (substr(rec, 1, 1) == "/")
    n = closing ? substr(rec, 2) : rec
    sub(/[ \t\r\n\/>].*$/, "", n)
    return (closing ? "/" : "") n
  }
  function self_closing(rec,    t) {
    t = rec
    sub(/>.*$/, "", t)
    return t ~ /\/[ \t\r\n]*$/
  }
  function add_suite(tag,    t, f, s) {
    t = attr(tag, "tests")
    f = attr(tag, "failures") + attr(tag, "errors")
    s = has_attr(tag, "skipped") ? attr(tag, "skipped") : attr(tag, "disabled")
    fp += t - f - s; ff += f; fs += s
    leaves++
  }
  function finish_file() {
    if (file == "") return
    if (kind == "junit" && leaves == 0 && root != "") add_suite(root)
    printf "  %-48s %5d passed, %d failed, %d skipped\n", shortname, fp, ff, fs > "/dev/stderr"
    P += fp; F += ff; S += fs; N++
  }
  FNR == 1 {
    finish_file()
    file = FILENAME; shortname = FILENAME; sub(/^.*\//, "", shortname)
    kind = (FILENAME ~ /\.trx$/) ? "trx" : "junit"
    fp = ff = fs = 0; leaves = 0; depth = 0; root = ""
  }
  {
    name = tagname($0)
    if (kind == "trx") {
      if (name == "Counters") {
        p = attr($0, "passed")
        f = attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
        s = attr($0, "total") - p - f
        if (s < 0) s = 0
        fp += p; ff += f; fs += s
      }
      next
    }
    if (name == "testsuites") { root = $0; next }
    if (name == "testsuite") {
      if (self_closing($0)) { add_suite($0); haschild[depth] = 1; next }
      haschild[depth] = 1
      depth++
      opentag[depth] = $0; haschild[depth] = 0
      next
    }
    if (name == "/testsuite") {
      if (depth > 0) {
        if (!haschild[depth]) add_suite(opentag[depth])
        depth--
      }
    }
  }
  END {
    finish_file()
    printf "%d %d %d %d\n", P, F, S, N
  }
' "${files[@]}"
