#!/usr/bin/env bash
# SIP load benchmark of Candor with sipp (not part of mvn verify).
#
# Starts Candor from the shaded jar (./candor builds it when missing or stale) on loopback ports with a
# temporary data folder, the call cap raised and 127.0.0.1 trusted (so the load generator is not
# rate-limited), then drives it with bench/greeting-caller.xml:
#   (a) rate steps: short calls (INVITE, 200, ACK, greeting for CALL_MILLIS, BYE) at each rate in RATES
#       for STEP_SECONDS; the highest rate with zero failed calls whose greetings all started (at
#       least 99 % of the calls logged it) is the result. Stops at the first step that fails.
#   (b) concurrency: CONCURRENT calls started at RAMP_CPS, each held HOLD_SECONDS; passes when every
#       call succeeds and sipp saw CONCURRENT calls up at once.
# Every call's media is sent to one UDP port where bench/rtp-sink.py counts the RTP packets, and
# Candor's log line "greeting's first frame taken" is counted per step, so "heard the greeting" is
# measured, not assumed.
#
# Usage: bench/sipp-load.sh [rates|concurrent|all]     (default all)
# Environment (defaults): RATES="10 25 50 100 200" STEP_SECONDS=20 CALL_MILLIS=1000
#   CONCURRENT=500 RAMP_CPS=50 HOLD_SECONDS=60 SIP_PORT=15060 HEAP=1g OUT=<temp folder>
# Output: one summary line per step on stdout and in $OUT/summary.txt; Candor's log and sipp's
# statistics and error logs stay in $OUT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
mode="${1:-all}"
RATES="${RATES:-10 25 50 100 200}"
STEP_SECONDS="${STEP_SECONDS:-20}"
CALL_MILLIS="${CALL_MILLIS:-1000}"
CONCURRENT="${CONCURRENT:-500}"
RAMP_CPS="${RAMP_CPS:-50}"
HOLD_SECONDS="${HOLD_SECONDS:-60}"
SIP_PORT="${SIP_PORT:-15060}"
HEAP="${HEAP:-1g}"
OUT="${OUT:-$(mktemp -d /tmp/candor-bench.XXXXXX)}"
SIPP_PORT=$((SIP_PORT + 1))
SINK_PORT=$((SIP_PORT + 2))
mkdir -p "$OUT"

command -v sipp >/dev/null || { echo "sipp is not installed (apt-get install sip-tester)" >&2; exit 2; }
command -v python3 >/dev/null || { echo "python3 is needed for the RTP sink" >&2; exit 2; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# The rtp range must hold one even port per call: 4000 ports = 2000 calls.
CANDOR_JAVA_OPTS="-Xmx$HEAP" "$root/candor" run \
  --set sip.bind=127.0.0.1 --set sip.port="$SIP_PORT" --set sip.tcp.enabled=false \
  --set rtp.port-min=30000 --set rtp.port-max=33999 \
  --set http.port=$((SIP_PORT + 3)) --set data.dir="$OUT/data" \
  --set sip.max-concurrent-calls=2000 --set sip.trusted-addresses=127.0.0.1 \
  --set sip.rate-limit.requests-per-second=100000 --set sip.rate-limit.burst=100000 \
  > "$OUT/candor.log" 2>&1 &
candor_pid=$!
pids+=("$candor_pid")
for _ in $(seq 1 600); do
  grep -q "Candor is answering calls" "$OUT/candor.log" && break
  kill -0 "$candor_pid" 2>/dev/null || { echo "Candor stopped; see $OUT/candor.log" >&2; tail -5 "$OUT/candor.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Candor is answering calls" "$OUT/candor.log" || { echo "Candor did not start in 300 s" >&2; exit 1; }

python3 "$here/rtp-sink.py" "$SINK_PORT" "$OUT/rtp-sink.txt" &
pids+=("$!")

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)" | tee "$OUT/summary.txt"
echo "output: $OUT" | tee -a "$OUT/summary.txt"

greetings() { grep -c "greeting's first frame taken" "$OUT/candor.log" || true; }
packets() { sleep 1.2; awk '{print $2}' "$OUT/rtp-sink.txt" 2>/dev/null || echo 0; }
# Last row of sipp's statistics file: column named $2.
stat() { awk -F';' -v name="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==name) c=i} END {print $c}' "$1"; }
maxstat() { awk -F';' -v name="$2" 'NR==1 {for (i=1;i<=NF;i++) if ($i==name) c=i; next} $c+0>m {m=$c+0} END {print m+0}' "$1"; }

run_sipp() { # name rate calls limit pause_ms timeout_s
  local name=$1
  local rc=0
  (cd "$OUT" && sipp 127.0.0.1:"$SIP_PORT" -sf "$here/greeting-caller.xml" -s candor -i 127.0.0.1 -p "$SIPP_PORT" \
    -r "$2" -m "$3" -l "$4" -d "$5" -key caller_rtp_port "$SINK_PORT" \
    -nostdin -timeout "$6"s -timeout_error -trace_err -error_file "$OUT/$name-errors.log" \
    -trace_stat -stf "$OUT/$name-stat.csv" -fd 1 > "$OUT/$name-screen.log" 2>&1) || rc=$?
  echo "$rc"
}

best=0
if [ "$mode" = all ] || [ "$mode" = rates ]; then
  for rate in $RATES; do
    calls=$((rate * STEP_SECONDS))
    g0=$(greetings); p0=$(packets)
    rc=$(run_sipp "rate-$rate" "$rate" "$calls" $((rate * 10 + 100)) "$CALL_MILLIS" $((STEP_SECONDS + 60)))
    g1=$(greetings); p1=$(packets)
    csv="$OUT/rate-$rate-stat.csv"
    ok=$(stat "$csv" "SuccessfulCall(C)"); failed=$(stat "$csv" "FailedCall(C)")
    rtt=$(stat "$csv" "ResponseTime1(C)")
    line="rate $rate cps x ${STEP_SECONDS}s: calls $calls, successful $ok, failed $failed, sipp exit $rc, greetings started $((g1 - g0)), RTP packets $((p1 - p0)) ($(( (p1 - p0) / (calls > 0 ? calls : 1) )) per call), mean INVITE->200 $rtt"
    echo "$line" | tee -a "$OUT/summary.txt"
    # A step passes when every call succeeded and (almost) every one heard its greeting start while
    # it was up; the 1 % allows for a log line still being written when the step ends.
    if [ "$rc" != 0 ] || [ "$failed" != 0 ] || [ "$ok" != "$calls" ] || [ $(( (g1 - g0) * 100 )) -lt $((calls * 99)) ]; then
      echo "rate $rate cps failed" | tee -a "$OUT/summary.txt"
      break
    fi
    best=$rate
  done
  echo "highest rate with zero failed calls: $best cps" | tee -a "$OUT/summary.txt"
fi

if [ "$mode" = all ] || [ "$mode" = concurrent ]; then
  g0=$(greetings); p0=$(packets)
  rc=$(run_sipp concurrent "$RAMP_CPS" "$CONCURRENT" "$CONCURRENT" $((HOLD_SECONDS * 1000)) \
    $((CONCURRENT / RAMP_CPS + HOLD_SECONDS + 60)))
  g1=$(greetings); p1=$(packets)
  csv="$OUT/concurrent-stat.csv"
  ok=$(stat "$csv" "SuccessfulCall(C)"); failed=$(stat "$csv" "FailedCall(C)")
  peak=$(maxstat "$csv" "CurrentCall")
  echo "concurrent $CONCURRENT calls held ${HOLD_SECONDS}s (ramp $RAMP_CPS cps): successful $ok, failed $failed, peak concurrent $peak, sipp exit $rc, greetings started $((g1 - g0)), RTP packets $((p1 - p0))" \
    | tee -a "$OUT/summary.txt"
fi
grep -E "Exception|ERROR" "$OUT/candor.log" | head -5 | sed 's/^/candor log: /' | tee -a "$OUT/summary.txt" || true
