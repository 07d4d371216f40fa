#!/bin/sh
# Flaskr under wrk: the index page of a logged-in user (the session, two queries, a
# template), then a burst of logins (a password check each) while GET /hello is
# measured beside it, to show whether the burst blocks the async workers.
#
#     bench/run.sh BINARY [DATABASE_URL]
#
# BINARY is a release build of flaskr; without DATABASE_URL the data is a fresh
# SQLite file (FLASKR_DATABASE). Prints wrk's summaries. Needs wrk and curl.
set -eu
binary=$1
url=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d)
port=${PORT:-5077}
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
cd "$dir"
# The login burst is the point of the measurement: the login rate limit is off.
export SECRET_KEY="bench" RUST_LOG=error FLASKR_DATABASE="$dir/flaskr.sqlite" RATE_LIMIT_ENABLED=false
if [ -n "$url" ]; then export DATABASE_URL="$url"; fi
"$binary" init-db > /dev/null
"$binary" run --port "$port" > server.log 2>&1 &
pid=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/hello" && break; sleep 0.1; done
base="http://127.0.0.1:$port"
token() { curl -s -b jar -c jar "$base$1" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -1; }
t=$(token /auth/register)
curl -s -o /dev/null -b jar -c jar --data-urlencode "csrf_token=$t" -d username=bench -d password=bench "$base/auth/register"
t=$(token /auth/login)
curl -s -o /dev/null -b jar -c jar --data-urlencode "csrf_token=$t" -d username=bench -d password=bench "$base/auth/login"
t=$(token /create)
for i in $(seq 20); do
    curl -s -o /dev/null -b jar -c jar --data-urlencode "csrf_token=$t" -d "title=post $i" -d "body=body of post $i" "$base/create"
done
cookie=$(awk '(/^#HttpOnly_/ || !/^#/) && NF >= 7 { printf "%s=%s; ", $6, $7 }' jar)
posts=$(curl -s -b jar "$base/" | grep -c '<article' || true)
echo "== index, logged in ($posts posts shown): wrk -t2 -c32 -d10s"
wrk -t2 -c32 -d10s --latency -H "Cookie: $cookie" "$base/" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"

# The burst: wrong passwords, so that the session (and its CSRF token) stays the
# same for every request while each still checks a Werkzeug scrypt hash.
t=$(token /auth/login)
cat > login.lua <<LUA
wrk.method = "POST"
wrk.body = "csrf_token=$t&username=bench&password=wrong"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "$cookie"
LUA
echo "== login burst: wrk -t2 -c16 -d10s, with GET /hello beside it (wrk -t1 -c4)"
wrk -t2 -c16 -d10s --latency -s login.lua "$base/auth/login" > burst.txt &
burst=$!
sleep 0.5
wrk -t1 -c4 -d8s --latency "$base/hello" > hello.txt
wait "$burst"
echo "login:"; grep -E "Requests/sec|99%|Non-2xx|Socket errors" burst.txt
echo "/hello during the burst:"; grep -E "Requests/sec|99%|Non-2xx|Socket errors" hello.txt
echo "== /hello alone: wrk -t1 -c4 -d5s"
wrk -t1 -c4 -d5s --latency "$base/hello" | grep -E "Requests/sec|99%"
