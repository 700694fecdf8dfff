#!/usr/bin/env bash
# SQL injection scan of the public endpoints with sqlmap (Debian's /usr/bin/sqlmap).
#
# Starts the real server on loopback on a fresh embedded database (PGlite in a temporary folder), waits for
# /healthz, runs sqlmap in batch mode against every public endpoint that takes input, and exits non-zero if
# sqlmap finds any parameter injectable, if it does not find the injection planted in a control endpoint
# (scripts/sqlmap-control.mjs, so that "nothing found" means something), if it could not reach the server, if a scan ends without its
# "not injectable" verdict, or if the rate limits answered in place of the routes (429). The server and
# the helper proxy are stopped on exit, whatever happens.
#
# Usage: bash scripts/sqlmap.sh            (needs Node.js >= 22.12 on PATH and `npm ci` done)
# Environment:
#   SQLMAP_LEVEL       sqlmap --level (default 2: also the Cookie header; 1 is faster, 3+ adds User-Agent and
#                      Referer, which the server never puts in SQL)
#   SQLMAP_TECHNIQUE   sqlmap --technique (default BEUST: boolean, error, UNION, stacked and time-based blind)
#   SQLMAP_THREADS     sqlmap --threads (default 4)
#   SQLMAP_FAIL_ON_500 1: also fail when sqlmap's payloads made the server answer 500 (default: report them)
#   SQLMAP_KEEP        1: keep the temporary folder (server log, sqlmap logs and sessions) and print where
#
# Why these settings (CI must stay under 20 minutes; this scan targets under 3 minutes on two cores):
#   --dbms PostgreSQL  both engines are PostgreSQL (PGlite is PostgreSQL compiled to WebAssembly), so payloads
#                      for MySQL, MSSQL, Oracle… would test nothing; this cuts the requests several-fold.
#   --level 2 --risk 1 level 2 adds the Cookie header and more boundaries than level 1 at about twice the
#                      requests; risk 1 keeps out the OR-based and heavy time-based payloads, which on a form
#                      that writes (the public report) would create a case for each request.
#   --technique BEUST  every technique but Q (inline queries), which only applies where a value is spliced
#                      into a SELECT list. The time-based ones cost a request each and only wait when a delay
#                      works, so they are cheap against a server that is not injectable.
#   --threads 4        sqlmap waits on the network; the server answers most of its requests in milliseconds.
#
# The server's environment (see server/src/config.ts and README.md "Configuration"):
#   DATA_DIR                a fresh PGlite folder in the temporary folder, DEMO_DATA=false (no demo seeding:
#                           the migrations still load the geography and the problem types the forms need),
#   JOBS=off                no background jobs, LOG_LEVEL=warn,
#   RATE_LIMIT_PER_MINUTE   100000, so the global per-address limit does not answer 429 instead of the routes.
#   TRUST_PROXY=true        the per-route limits are fixed or capped in the code whatever RATE_LIMIT_PER_MINUTE
#                           says — sign-in, second factor and the password routes at most 30 a minute
#                           (app.ts signInAttemptsPerMinute: max(5, min(30, RATE_LIMIT_PER_MINUTE))), public
#                           reports at most 20 an hour (app.ts publicReportsPerHour: max(3, min(20, …))), the
#                           status check 30 a minute, the webhooks 600 a minute — so scripts/sqlmap-proxy.mjs
#                           gives every request an X-Forwarded-For of its own, and with TRUST_PROXY the server
#                           takes that as the client's address.
#   LINE_* / FACEBOOK_*     test secrets: the proxy signs webhook bodies with them, so sqlmap's payloads reach
#                           the code that parses and stores webhook events (the provider APIs point at a closed
#                           port on loopback: nothing leaves the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

say() { printf '==> %s (%ss)\n' "$*" "$(($(date +%s) - started))"; }
fail() {
  printf 'sqlmap.sh: %s\n' "$*" >&2
  exit 1
}

if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' 2>/dev/null; then
  fail "Node.js >= 22.12 is needed on PATH (see README.md \"On a machine with an old Node.js\"); found $(node --version 2>/dev/null || echo none)"
fi
[ -d node_modules ] || fail 'run npm ci first'

if ! command -v sqlmap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    say 'installing sqlmap (apt-get)'
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlmap >/dev/null
  else
    fail 'sqlmap is not installed (apt-get install sqlmap, as root)'
  fi
fi

work="$(mktemp -d)"
server_pid=''
proxy_pid=''
control_pid=''
cleanup() {
  local status=$?
  for pid in "$control_pid" "$proxy_pid" "$server_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "$control_pid" "$proxy_pid" "$server_pid"; do
    if [ -n "$pid" ]; then
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ "${SQLMAP_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    printf 'sqlmap.sh: logs kept in %s\n' "$work" >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port=$(free_port)
proxy_port=$(free_port)
line_secret="sqlmap-line-secret-$RANDOM$RANDOM"
facebook_secret="sqlmap-facebook-secret-$RANDOM$RANDOM"

say "starting the server on 127.0.0.1:$port (fresh PGlite in $work/data)"
# `npm start` is `npm run build:web && npm run serve`; the scan needs no web app, so the server is started
# the way `npm run serve` does, directly, to have its own pid to stop.
env HOST=127.0.0.1 PORT="$port" DATA_DIR="$work/data" MAIL_DIR="$work/mail" DEMO_DATA=false JOBS=off \
  LOG_LEVEL=warn NODE_ENV=development RATE_LIMIT_PER_MINUTE=100000 TRUST_PROXY=true \
  LINE_CHANNEL_SECRET="$line_secret" LINE_CHANNEL_ACCESS_TOKEN=sqlmap LINE_API_URL=http://127.0.0.1:9 \
  FACEBOOK_APP_SECRET="$facebook_secret" FACEBOOK_PAGE_ACCESS_TOKEN=sqlmap FACEBOOK_VERIFY_TOKEN=sqlmap-verify \
  FACEBOOK_GRAPH_URL=http://127.0.0.1:9 \
  node server/bin/start.mjs >"$work/server.log" 2>&1 &
server_pid=$!

control_port=$(free_port)
node scripts/sqlmap-control.mjs "$control_port" >"$work/control.log" 2>&1 &
control_pid=$!

LINE_CHANNEL_SECRET="$line_secret" FACEBOOK_APP_SECRET="$facebook_secret" \
  node scripts/sqlmap-proxy.mjs "$proxy_port" "http://127.0.0.1:$port" >"$work/proxy.log" 2>&1 &
proxy_pid=$!

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { tail -n 40 "$work/server.log" >&2; fail 'the server exited before answering /healthz'; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || { tail -n 40 "$work/server.log" >&2; fail 'the server did not answer /healthz within 120 s'; }
curl -fsS "http://127.0.0.1:$proxy_port/healthz" >/dev/null 2>&1 || fail 'the sqlmap proxy does not answer'
say 'server up'

base="http://127.0.0.1:$proxy_port"
sqlmap_options=(
  --batch --flush-session --disable-coloring -v 1
  --output-dir "$work/sqlmap"
  --level "${SQLMAP_LEVEL:-2}" --risk 1
  --dbms PostgreSQL --technique "${SQLMAP_TECHNIQUE:-BEUST}"
  --threads "${SQLMAP_THREADS:-4}" --timeout 15 --retries 1
  # JSON bodies and '*' markers: process them; never follow redirects or ask to try other things.
  --answers 'JSON=Y,marker=Y,follow=N,redirect=N,exploit=N,extending=N,further=N'
)

failures=0
declare -a summary=()

# scan <name> <sqlmap target options…>
scan() {
  local name="$1"
  shift
  local log="$work/$name.log"
  local t0
  t0=$(date +%s)
  sqlmap "${sqlmap_options[@]}" "$@" >"$log" 2>&1 || true
  local verdict='clean'
  if grep -qiE 'is vulnerable|sqlmap identified the following injection point|appears to be .*injectable|parameter .* is injectable' "$log"; then
    verdict='INJECTABLE'
  elif grep -qiE "unable to connect to the target URL|connection refused|can't establish connection|not authorized, try" "$log"; then
    verdict='UNREACHABLE'
  elif grep -qE '429 \(Too Many Requests\)' "$log"; then
    verdict='RATE-LIMITED'
  elif ! grep -qiE 'all tested parameters do not appear to be injectable' "$log"; then
    verdict='INCONCLUSIVE'
  fi
  local errors
  errors=$(grep -oE '[0-9]{3} \([A-Za-z ]+\) - [0-9]+ times' "$log" | paste -sd ';' - || true)
  if [ "${SQLMAP_FAIL_ON_500:-0}" = 1 ] && grep -qE '500 \(Internal Server Error\)' "$log" && [ "$verdict" = clean ]; then
    verdict='SERVER-ERRORS'
  fi
  local requests
  requests=$(grep -oE 'sqlmap (made|sent) [0-9]+' "$log" | tail -n 1 || true)
  summary+=("$(printf '%-22s %-13s %4ss  %s' "$name" "$verdict" "$(($(date +%s) - t0))" "${errors:+HTTP: $errors}")")
  say "$name: $verdict${errors:+ (HTTP $errors)}"
  if [ "$verdict" != clean ]; then
    failures=$((failures + 1))
    grep -iE 'injectable|vulnerable|Payload:|unable to connect|not stable|critical' "$log" | head -n 20 >&2 || true
  fi
}

json=(-H 'Content-Type: application/json')

# The control first: an endpoint injectable on purpose (scripts/sqlmap-control.mjs). If sqlmap, as set up here,
# does not find that, its "not injectable" below would prove nothing — the run fails.
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$control_port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
scan control -u "http://127.0.0.1:$control_port/search?q=somchai" -p q >/dev/null 2>&1 || true
if [ "${summary[-1]}" = "${summary[-1]/INJECTABLE/}" ]; then
  cat "$work/control.log" >&2 || true
  fail "the control: sqlmap did not find the injection planted in scripts/sqlmap-control.mjs (${summary[-1]})"
fi
failures=0 # the control's finding is the expected one
summary[-1]="${summary[-1]/INJECTABLE/found (expected)}"
say 'control: sqlmap found the planted injection, so its verdicts below can be believed'

say 'scanning (each target: the log goes to the temporary folder)'
# A wrong password is a 401, which sqlmap takes for "authentication needed" unless told to ignore it.
scan sign-in -u "$base/api/auth/sign-in" "${json[@]}" --ignore-code 401 \
  --data '{"email":"somchai@example.com*","password":"not-the-password*"}'
scan second-factor -u "$base/api/auth/sign-in/second-factor" "${json[@]}" --ignore-code 401 \
  --data '{"challenge":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*","code":"123456*"}'
scan forgot-password -u "$base/api/auth/password-reset" "${json[@]}" \
  --data '{"email":"somchai@example.com*"}'
scan password-link -u "$base/api/auth/password-link?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&purpose=invitation" \
  -p 'token,purpose'
scan set-password -u "$base/api/auth/password" "${json[@]}" \
  --data '{"token":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*","purpose":"invitation*","password":"a-new-password-1300*"}'
scan public-report -u "$base/api/public/reports" "${json[@]}" \
  --data '{"problemTypes":["other*"],"crisis":false,"location":{"areaCode":"70*","address":"12 ถนนเพชรเกษม*"},"narrative":"มีเด็กถูกทำร้ายข้างบ้าน*","reporter":{"anonymous":false,"relation":"neighbour*","name":"สมชาย*","phone":"0812345678*"},"consent":true,"source":"web*"}'
# The status of a real report (sent straight to the server: the proxy hides receipts), so the page sqlmap
# compares with is a 200; an unknown code or a wrong PIN is the same 404, which it is told to take as an answer.
receipt=$(curl -fsS -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$port/api/public/reports" \
  --data '{"problemTypes":["other"],"location":{"areaCode":"70"},"narrative":"sqlmap: a report to ask about","consent":true}') ||
  fail 'could not send the public report whose status the scan asks for'
tracking=$(node -e 'console.log(JSON.parse(process.argv[1]).trackingCode)' "$receipt")
pin=$(node -e 'console.log(JSON.parse(process.argv[1]).pin)' "$receipt")
scan public-status -u "$base/api/public/reports/status" "${json[@]}" --ignore-code 404 \
  --data "{\"trackingCode\":\"$tracking*\",\"pin\":\"$pin*\"}"
scan geography-search -u "$base/api/geography/search?q=ratchaburi&limit=5" -p 'q,limit'
scan geography-districts -u "$base/api/geography/provinces/70*/districts"
scan geography-subdistr -u "$base/api/geography/districts/7001*/subdistricts"
scan line-webhook -u "$base/api/webhooks/line" "${json[@]}" --ignore-code 401 \
  --data '{"destination":"U0000","events":[{"type":"message*","webhookEventId":"01JD0000000000000000000001*","timestamp":1700000000000,"source":{"type":"user","userId":"U4af4980629a0f1e9b4b2c0a0b0c0d0e0*"},"message":{"id":"1*","type":"text*","text":"ช่วยด้วย*"}}]}'
scan facebook-webhook -u "$base/api/webhooks/facebook" "${json[@]}" --ignore-code 401 \
  --data '{"object":"page","entry":[{"id":"1300","messaging":[{"sender":{"id":"1234567890*"},"recipient":{"id":"1300"},"timestamp":1700000000000,"message":{"mid":"m_sqlmap_1*","text":"ช่วยด้วย*"}}]}]}'
scan facebook-handshake -u "$base/api/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444" \
  -p 'hub.mode,hub.verify_token,hub.challenge'

kill -0 "$server_pid" 2>/dev/null || fail 'the server died during the scan'
echo
echo 'sqlmap results (target, verdict, time, HTTP errors sqlmap saw):'
printf '  %s\n' "${summary[@]}"
grep -E '"level":(50|60)' "$work/server.log" | grep -oE '"msg":"[^"]*"' | sort | uniq -c | sed 's/^/  server: /' || true
say "done: $failures target(s) failed"
[ "$failures" -eq 0 ]
