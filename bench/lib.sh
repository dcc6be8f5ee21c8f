# Shell functions the bench/run* drivers share. Source it after setting `me` (the driver's name
# for messages). Linux only: /proc.

log() { printf '%s %s: %s\n' "$(date +%H:%M:%S)" "$me" "$*" >&2; }

# The newest JDK 21+ on the machine, as ./confab picks it (the default java may be older).
find_java() {
  local best="" best_v=0 c v
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x "$c" ]] || continue
    v="$("$c" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
    v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] && ((v >= 21 && v > best_v)) && { best="$c"; best_v=$v; }
  done
  [[ -n "$best" ]] || { echo "$me: needs a JDK 21 or newer" >&2; exit 1; }
  echo "$best"
}

# The server JVM's options when CONFAB_JAVA_OPTS is unset: ./confab's default, read from it so the
# reports name what actually ran.
default_server_opts() { sed -n 's/^default_java_opts="\(.*\)"$/\1/p' "$root/confab"; }

# Copies ./confab and the server jar into APP (APP/confab serve is then the same `./confab serve`),
# with the start-up cache recorded for that jar if there is one. Modification times are kept: the
# JVM checks the jar's against the cache, and the launcher that the cache is newer than the jar.
snapshot_server() {
  local app="$1" f
  mkdir -p "$app/server/target"
  cp "$root/confab" "$app/confab"
  cp -p "$root/server/target/confab.jar" "$app/server/target/confab.jar"
  for f in confab.aot confab.aot.key; do
    if [[ -f "$root/server/target/$f" ]]; then cp -p "$root/server/target/$f" "$app/server/target/$f"; fi
  done
}

# Stops a process we started, by pid: TERM, then KILL if it has not gone after 30 s.
stop() {
  local pid="$1" i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 300; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Waits until FILE has a line matching PATTERN while PID lives; prints the line.
await_line() {
  local file="$1" pattern="$2" pid="$3" what="$4" i line
  for ((i = 0; i < 1200; i++)); do
    line="$(grep -m1 -E "$pattern" "$file" 2>/dev/null || true)"
    [[ -n "$line" ]] && { echo "$line"; return 0; }
    kill -0 "$pid" 2>/dev/null || { echo "$me: $what exited; its log:" >&2; tail -30 "$file" >&2; exit 1; }
    sleep 0.1
  done
  echo "$me: $what not ready after 120 s; its log:" >&2; tail -30 "$file" >&2; exit 1
}

# Open files: each connection is one socket in the generator and one in the server, and both
# inherit this shell's limit. Raises it as far as allowed; warns when NEED is out of reach.
raise_fd_limit() {
  local need="$1" what="$2"
  ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  fd_limit="$(ulimit -n)"
  if [[ "$fd_limit" != unlimited ]] && ((fd_limit < need)); then
    log "WARNING: open-files limit is $fd_limit (hard $(ulimit -Hn)) but $what need ~$need in the server and in the generator:"
    log "         expect 'too_many_open_files (EMFILE)' failures past ~$((fd_limit - 1000)); raise the hard limit (ulimit -Hn, or the container's nofile) to $need"
  fi
}

# After raise_fd_limit: the server holds every idle connection in one process beside a few
# hundred files of its own, so caps $connections at what the limit leaves it (and says so); the
# generator spreads its side over $processes processes, each within the limit.
fit_connections() {
  processes=1
  [[ "$fd_limit" == unlimited ]] && return 0
  local server_room=$((fd_limit - 400)) per_process=$((fd_limit - 500))
  if ((connections > server_room)); then
    log "NOTE: the open-files limit is $fd_limit (hard $(ulimit -Hn)); the server holds every connection in one process"
    log "      beside its own files, so $server_room connections is the most this machine allows: measuring $server_room, not $connections"
    connections=$server_room
  fi
  processes=$(( (connections + per_process - 1) / per_process ))
  ((processes > 1)) && log "the generator spreads $connections connections over $processes processes (each holds at most ~$per_process)"
  return 0
}
