#!/usr/bin/env bash
# Stride's two commands:
#   ./dev.sh run    installs what is missing, then serves the page on http://127.0.0.1:8080
#   ./dev.sh test   installs what is missing, then runs every check and test; non-zero on failure
#   ./dev.sh bench  the benchmark table: every workload in headless Chromium and natively
# Tools already present at the right version are skipped, so a second run starts at once.
# (Version checks read the whole output: `grep -q` stops early, and the writer's broken pipe
# would count as a failure under pipefail, and so as a missing tool.)
set -euo pipefail
cd "$(dirname "$0")"

TOOLS="${STRIDE_TOOLS:-$HOME/.cache/stride-tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
# One build cache for every clone on this machine: a fresh clone (CI's, say) reuses the
# dependencies an earlier clone compiled, and only Stride itself is built again.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stride-target}"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
AXE_VERSION=4.14.1
MKDOCS_MATERIAL_VERSION=9.8.2
MKDOCS="$TOOLS/mkdocs-venv/bin/mkdocs"
# MkDocs 1.6 prints a banner about its successor on every build; the test pins this version.
export NO_MKDOCS_2_WARNING=1

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# Phases: `phase NAME command...` runs the command, prints its wall time, and keeps it for the
# table `phase_table` prints at the end. `phase_start NAME command...` starts one in the
# background, its output kept until `phase_wait` prints it: cargo locks each profile's build
# directory, so the release build (profile release; its LTO and wasm-opt run on one core) runs
# beside clippy and the native and browser tests (profile dev) instead of waiting for them.
PHASES=()
TEST_START=$(date +%s)
phase() {
  local name=$1 start end
  shift
  say "$name"
  start=$(date +%s)
  "$@"
  end=$(date +%s)
  PHASES+=("$name|$((end - start))")
  printf '   (%s: %d s)\n' "$name" "$((end - start))"
}
BG_NAME="" BG_PID="" BG_LOG="" BG_START=0
phase_start() {
  BG_NAME=$1
  shift
  say "$BG_NAME (started; its output follows when it ends)"
  BG_LOG=$(mktemp)
  BG_START=$(date +%s)
  "$@" >"$BG_LOG" 2>&1 &
  BG_PID=$!
}
phase_wait() {
  local rc=0 end
  wait "$BG_PID" || rc=$?
  end=$(date +%s)
  say "$BG_NAME"
  cat "$BG_LOG"
  rm -f "$BG_LOG"
  PHASES+=("$BG_NAME (alongside the phases above it)|$((end - BG_START))")
  printf '   (%s: %d s)\n' "$BG_NAME" "$((end - BG_START))"
  BG_PID=""
  return "$rc"
}
phase_table() {
  local row name secs total
  [ -z "$BG_PID" ] || kill "$BG_PID" 2>/dev/null || true
  total=$(($(date +%s) - TEST_START))
  printf '\n\033[1m== time per phase\033[0m\n| phase | wall time |\n|---|---:|\n'
  for row in "${PHASES[@]}"; do
    name=${row%|*}
    secs=${row##*|}
    printf '| %s | %d min %02d s |\n' "$name" "$((secs / 60))" "$((secs % 60))"
  done
  printf '| **total, start to end** | **%d min %02d s** |\n' "$((total / 60))" "$((total % 60))"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

npm_has() { # package version
  [ -f "$TOOLS/node_modules/$1/package.json" ] &&
    grep -q "\"version\": \"$2\"" "$TOOLS/node_modules/$1/package.json"
}

# The tools are built for use, not for speed records: unoptimised, with many codegen units and
# no debug info. Measured here on one core: wasm-bindgen-cli compiles in 141 s of CPU at
# opt-level 0 against 368 s at 2, and then takes 9.5 s instead of 3.2 s on the 21 MB browser-test
# module (2 s either way on the release one); trunk only hands work to cargo and the tools.
# Trunk without its default features has no TLS stack and no update check: the build is offline.
fast_install() {
  env -u CARGO_TARGET_DIR \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_DEBUG=0 CARGO_PROFILE_RELEASE_STRIP=true \
    cargo install "$@"
}

ensure_build_tools() {
  ensure_cargo_tools
  ensure_wasm_opt
}

ensure_cargo_tools() {
  command -v cargo >/dev/null || { echo "Rust is not installed: see https://rustup.rs" >&2; exit 1; }
  rustup target list --installed | grep -x wasm32-unknown-unknown >/dev/null ||
    { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  trunk --version 2>/dev/null | grep " $TRUNK_VERSION" >/dev/null ||
    { say "installing trunk $TRUNK_VERSION (several minutes on 2 cores)"; fast_install trunk --version "$TRUNK_VERSION" --locked --no-default-features; }
  local wbg
  wbg=$(wasm_bindgen_version)
  # No --locked: one of wasm-bindgen-cli's locked dependency versions is gone from the registry.
  wasm-bindgen --version 2>/dev/null | grep " $wbg" >/dev/null ||
    { say "installing wasm-bindgen-cli $wbg"; fast_install wasm-bindgen-cli --version "$wbg" --force; }
}

# Debian's binaryen is too old to read current Rust wasm output; the npm build is not.
ensure_wasm_opt() {
  npm_has binaryen "$BINARYEN_VERSION" ||
    { say "installing wasm-opt (binaryen $BINARYEN_VERSION)"; mkdir -p "$TOOLS"; npm install --prefix "$TOOLS" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"; }
}

ensure_lint_tools() {
  rustup component list --installed | grep '^clippy' >/dev/null || rustup component add clippy
  rustup component list --installed | grep '^rustfmt' >/dev/null || rustup component add rustfmt
}

ensure_test_tools() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  npm_has playwright-core "$PLAYWRIGHT_VERSION" ||
    { say "installing playwright-core $PLAYWRIGHT_VERSION"; mkdir -p "$TOOLS"; npm install --prefix "$TOOLS" --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION"; }
  npm_has axe-core "$AXE_VERSION" ||
    { say "installing axe-core $AXE_VERSION"; mkdir -p "$TOOLS"; npm install --prefix "$TOOLS" --no-audit --no-fund "axe-core@$AXE_VERSION"; }
}

# MkDocs Material, pinned, in a virtual environment of its own in the tools cache: the docs-site
# test builds the example with the real tool, and a release build ships the article built by it.
ensure_docs_tools() {
  "$TOOLS/mkdocs-venv/bin/pip" show mkdocs-material 2>/dev/null | grep -x "Version: $MKDOCS_MATERIAL_VERSION" >/dev/null && return
  say "installing mkdocs-material $MKDOCS_MATERIAL_VERSION"
  mkdir -p "$TOOLS"
  python3 -m venv "$TOOLS/mkdocs-venv" ||
    { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv && python3 -m venv "$TOOLS/mkdocs-venv"; }
  "$TOOLS/mkdocs-venv/bin/pip" install --quiet "mkdocs-material==$MKDOCS_MATERIAL_VERSION"
}

cmd_run() {
  ensure_build_tools
  say "serving on http://127.0.0.1:8080"
  exec trunk serve --offline
}

cmd_test() {
  trap phase_table EXIT
  phase "install what is missing" install_all

  phase_start "release build" trunk build --release --offline
  phase "format" cargo fmt --all -- --check
  phase "clippy (host)" cargo clippy --all-targets -- -D warnings
  phase "clippy (wasm32)" cargo clippy --all-targets --target wasm32-unknown-unknown -- -D warnings
  phase "native tests" cargo test
  phase "browser tests (wasm-bindgen-test in headless Chromium)" browser_tests
  phase_wait
  phase "end-to-end test against the release build" e2e
  phase "docs site: MkDocs Material example, built and tested in Chromium" docs_site
}

# What comes over the network (the browser, npm packages, MkDocs) costs little CPU, so it
# installs in the background while cargo compiles trunk and wasm-bindgen-cli; npm runs in that
# one job only, as two npm installs into one prefix at once can spoil it.
install_all() {
  ensure_lint_tools
  local log side
  log=$(mktemp)
  (ensure_wasm_opt; ensure_test_tools; ensure_docs_tools) >"$log" 2>&1 &
  side=$!
  ensure_cargo_tools
  if ! wait "$side"; then
    cat "$log"
    rm -f "$log"
    echo "dev.sh: installing the browser, npm or MkDocs tools failed (above)" >&2
    return 1
  fi
  cat "$log"
  rm -f "$log"
}

browser_tests() {
  CHROMEDRIVER="$(command -v chromedriver)" \
    WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
    cargo test --target wasm32-unknown-unknown --test web
}

# The release build uses relative asset URLs, so one dist/ works at any path: the sub-path check
# serves a copy of the same files under /stride/demo/ (wasm-opt runs once).
e2e() {
  rm -rf target/e2e-site
  mkdir -p target/e2e-site/stride
  cp -r dist target/e2e-site/stride/demo
  NODE_PATH="$TOOLS/node_modules" node tests/e2e/e2e.cjs dist target/e2e-site /stride/demo/
}

# The README's MkDocs recipe, followed to the letter on a copy of static/docs-site: dist/ is
# copied to docs/stride/, MkDocs Material builds the site, and the site is served on 127.0.0.1
# and checked in Chromium (tests/e2e/docs-site.cjs), with the article the build shipped in
# dist/docs/.
docs_site() {
  local site="$PWD/target/docs-site"
  rm -rf "$site"
  mkdir -p "$site"
  cp static/docs-site/mkdocs.yml "$site/"
  mkdir "$site/docs"
  cp -r static/docs-site/docs/. "$site/docs/"
  rm -rf "$site/docs/stride"
  cp -r dist "$site/docs/stride"
  "$MKDOCS" build --quiet --strict -f "$site/mkdocs.yml" -d "$site/site"
  NODE_PATH="$TOOLS/node_modules" node tests/e2e/docs-site.cjs "$site/site" dist
}

# Trunk's post-build hook (Trunk.toml): a release build ships the article of static/docs-site,
# built by MkDocs Material, in dist/docs/, so a reader can open it without MkDocs. The site
# sits one folder below the playground, so its figures point at ../ instead of stride/.
# Skipped, with a word, where MkDocs Material is not installed (./dev.sh test installs it).
cmd_article() {
  [ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
  local out="${TRUNK_STAGING_DIR:?run by trunk}/docs"
  if [ ! -x "$MKDOCS" ]; then
    echo "dev.sh article: MkDocs Material is not installed; the build has no docs/ article" >&2
    exit 0
  fi
  "$MKDOCS" build --quiet -f static/docs-site/mkdocs.yml -d "$out"
  # Only what the page uses: no copy of Stride (the playground is beside it), no search (the
  # site has none), no source maps, and no 404 page or sitemap, which assume the site's root.
  rm -rf "$out/stride" "$out/assets/javascripts/lunr" "$out/assets/javascripts/workers" \
    "$out/404.html" "$out"/sitemap.xml*
  find "$out" -name '*.map' -delete
  python3 - "$out" <<'PY'
import pathlib, re, sys
for page in pathlib.Path(sys.argv[1]).rglob("*.html"):
    html = page.read_text()
    page.write_text(re.sub(r'((?:src|href)=")stride/', r"\1../", html))
PY
}

cmd_bench() {
  ensure_build_tools
  ensure_test_tools
  say "release build"
  trunk build --release --offline
  say "benchmarks (${STRIDE_BENCH_RUNS:-5} runs each; L3 takes a while)"
  NODE_PATH="$TOOLS/node_modules" node tests/e2e/bench.cjs dist "${STRIDE_BENCH_RUNS:-5}"
}

# Trunk's post-build hook (Trunk.toml): gives a release build its Content Security Policy. Trunk
# writes its wasm loader inline, so the policy allows exactly that script by its SHA-256 hash;
# the policy goes into index.html as a <meta http-equiv> and, for hosts that send it as a
# header, into csp.txt beside it. Debug builds (trunk serve) inject a live-reload script and
# get no policy.
cmd_csp() {
  [ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
  python3 - "${TRUNK_STAGING_DIR:?run by trunk}" <<'PY'
import base64, hashlib, pathlib, re, sys
staging = pathlib.Path(sys.argv[1])
page = staging / "index.html"
html = page.read_text()
scripts = re.findall(r"<script type=\"module\">(.*?)</script>", html, re.S)
if len(scripts) != 1:
    sys.exit(f"expected one inline loader script in {page}, found {len(scripts)}")
digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
policy = "; ".join([
    "default-src 'self'",
    f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{digest}'",
    "style-src 'self'",
    "img-src 'self'",
    "worker-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
])
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
html = html.replace('<meta charset="utf-8" />', '<meta charset="utf-8" />\n    ' + meta, 1)
page.write_text(html)
(staging / "csp.txt").write_text(policy + "\n")
PY
}

# Trunk's post-build hook (Trunk.toml): a release build ships each wasm, JS and CSS file with a
# gzip copy beside it (name.gz), so a static host that serves precompressed files (nginx
# gzip_static, Caddy precompressed, Netlify, GitHub Pages' CDN recompresses anyway) sends them
# without compressing on every request. index.html is left alone: the CSP hook rewrites it at the
# same time.
cmd_compress() {
  [ "${TRUNK_PROFILE:-}" = "release" ] || exit 0
  python3 - "${TRUNK_STAGING_DIR:?run by trunk}" <<'PY'
import gzip, pathlib, sys
for f in pathlib.Path(sys.argv[1]).iterdir():
    if f.suffix in (".wasm", ".js", ".css") and f.is_file():
        # mtime=0: the same input gives the same bytes, so a rebuild changes no unchanged file.
        f.with_name(f.name + ".gz").write_bytes(gzip.compress(f.read_bytes(), 9, mtime=0))
PY
  # A brotli copy too (name.br), for hosts that serve it (Caddy's `precompressed br gzip`, nginx
  # brotli_static): brotli 11 makes the wasm about a fifth smaller than gzip -9. Node's zlib has
  # it built in; Python's standard library has none, so without Node the .br files are skipped.
  if command -v node >/dev/null 2>&1; then
    node - "$TRUNK_STAGING_DIR" <<'JS'
const fs = require("node:fs"), path = require("node:path"), zlib = require("node:zlib");
const dir = process.argv[2];
for (const name of fs.readdirSync(dir)) {
  const f = path.join(dir, name);
  if (!/\.(wasm|js|css)$/.test(name) || !fs.statSync(f).isFile()) continue;
  const bytes = fs.readFileSync(f);
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_SIZE_HINT, BROTLI_MAX_QUALITY } = zlib.constants;
  const params = { [BROTLI_PARAM_QUALITY]: BROTLI_MAX_QUALITY, [BROTLI_PARAM_SIZE_HINT]: bytes.length };
  fs.writeFileSync(f + ".br", zlib.brotliCompressSync(bytes, { params }));
}
JS
  else
    echo "compress: no node on PATH, so no .br copies (the .gz copies are written)" >&2
  fi
}

case "${1:-}" in
  compress) cmd_compress ;;
  csp) cmd_csp ;;
  article) cmd_article ;;
  run) cmd_run ;;
  test) cmd_test ;;
  bench) cmd_bench ;;
  *) echo "usage: ./dev.sh run | ./dev.sh test | ./dev.sh bench  (csp, compress: Trunk's build hooks)" >&2; exit 2 ;;
esac
