#!/usr/bin/env bash
# Generates the Python and TypeScript clients from openapi/openapi.json.
#
#   openapi/generate.sh           regenerate openapi/python/ and openapi/typescript/schema.d.ts
#                                 (keeping the hand-written files listed in PY_KEEP below)
#   openapi/generate.sh --check   regenerate into a temporary directory and fail if the committed
#                                 sources differ (the drift check CI runs)
#   openapi/generate.sh --tools   only install the pinned tools (what .ci/clients does first)
#   openapi/generate.sh --python-tools
#                                 only the pinned Python tools' venv, whose Python also runs the
#                                 generated client (.ci/python-client)
#
# Tools are pinned: openapi-python-client (and ruff, which formats its output) in
# openapi/python-tools.txt, installed into target/clients-venv; openapi-typescript in
# openapi/typescript/package.json and package-lock.json, installed with `npm ci`.
# The Rust client (openapi/client) needs nothing here: its build.rs generates it from the spec.
#
# Knobs (environment): RECOURSE_CLIENTS_VENV (default target/clients-venv), PYTHON (default python3).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
SPEC="$REPO_ROOT/openapi/openapi.json"
TOOLS="$REPO_ROOT/openapi/python-tools.txt"
PY_CONFIG="$REPO_ROOT/openapi/python-client.yaml"
PY_DIR="$REPO_ROOT/openapi/python"
TS_DIR="$REPO_ROOT/openapi/typescript"
VENV="${RECOURSE_CLIENTS_VENV:-$REPO_ROOT/target/clients-venv}"
PYTHON="${PYTHON:-python3}"
# Hand-written files inside the generated Python project (paths under openapi/python): kept
# when it is regenerated, left out of the drift check. README.md replaces the generator's own.
PY_KEEP=(README.md e2e.py recourse_client/helpers.py)
# What building or installing the project leaves in it (git-ignored): not part of the sources.
PY_ARTEFACTS=(build dist .ruff_cache .venv '*.egg-info')

die() {
    printf 'generate: %s\n' "$*" >&2
    exit 1
}

check=false
tools_only=false
python_tools_only=false
case "${1:-}" in
"") ;;
--check) check=true ;;
--tools) tools_only=true ;;
--python-tools) python_tools_only=true ;;
-h | --help)
    sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
*) die "unknown argument '$1' (expected --check, --tools, --python-tools or nothing)" ;;
esac

[ -f "$SPEC" ] || die "no spec at $SPEC"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/recourse-generate.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

sha() { sha256sum "$1" | cut -d' ' -f1; }

# The venv is rebuilt whenever python-tools.txt changes (a stamp holds the file's hash).
ensure_python_tools() {
    local stamp="$VENV/.recourse-tools.sha256"
    if [ -x "$VENV/bin/openapi-python-client" ] && [ -f "$stamp" ] &&
        [ "$(cat "$stamp")" = "$(sha "$TOOLS")" ] &&
        "$VENV/bin/openapi-python-client" --version >/dev/null 2>&1; then
        return
    fi
    echo "generate: installing the pinned Python tools (openapi/python-tools.txt) into $VENV" >&2
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV" || die "cannot create a venv with $PYTHON (on Debian/Ubuntu: apt-get install python3-venv)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$TOOLS" ||
        die "pip could not install openapi/python-tools.txt"
    "$VENV/bin/python" -m pip check >/dev/null || die "the pinned Python tools are inconsistent: $("$VENV/bin/python" -m pip check)"
    sha "$TOOLS" >"$stamp"
}

# `npm ci` whenever package-lock.json changes (a stamp in node_modules holds its hash).
ensure_node_tools() {
    command -v npm >/dev/null 2>&1 || die "npm is not installed (Node.js 20 or later is needed for openapi-typescript)"
    local stamp="$TS_DIR/node_modules/.recourse-lock.sha256"
    if [ -x "$TS_DIR/node_modules/.bin/openapi-typescript" ] && [ -f "$stamp" ] &&
        [ "$(cat "$stamp")" = "$(sha "$TS_DIR/package-lock.json")" ]; then
        return
    fi
    echo "generate: npm ci in openapi/typescript" >&2
    (cd "$TS_DIR" && npm ci --no-audit --no-fund --loglevel=error) >&2 || die "npm ci failed in openapi/typescript"
    sha "$TS_DIR/package-lock.json" >"$stamp"
}

# openapi-python-client 0.29 cannot take a property that wraps a `$ref` to add a description
# (poem-openapi writes `{"allOf": [{"$ref": ...}, {"description": ...}], "description": ...}`):
# it drops the whole schema with "Cannot take allOf a non-object". On a copy of the spec, such
# a property becomes the plain `$ref` (only its description is lost).
simplify_spec() {
    "$VENV/bin/python" - "$SPEC" "$1" <<'PY'
import json
import sys

ANNOTATIONS = {"description", "title"}
rewritten = 0


def is_ref(node):
    return isinstance(node, dict) and "$ref" in node


def simplify(node):
    global rewritten
    if isinstance(node, list):
        return [simplify(item) for item in node]
    if not isinstance(node, dict):
        return node
    all_of = node.get("allOf")
    if isinstance(all_of, list) and set(node) <= ANNOTATIONS | {"allOf"}:
        refs = [s for s in all_of if is_ref(s)]
        others = [s for s in all_of if not is_ref(s)]
        if len(refs) == 1 and all(isinstance(s, dict) and set(s) <= ANNOTATIONS for s in others):
            rewritten += 1
            return {"$ref": refs[0]["$ref"]}
    if "$ref" in node and len(node) > 1:
        rewritten += 1
        return {"$ref": node["$ref"]}
    return {key: simplify(value) for key, value in node.items()}


with open(sys.argv[1], encoding="utf-8") as f:
    spec = json.load(f)
out = simplify(spec)
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(out, f, indent=2, sort_keys=True)
    f.write("\n")
print(f"generate: {rewritten} $ref properties simplified for openapi-python-client", file=sys.stderr)
PY
}

# Generates both clients under $1: $1/python (the project) and $1/typescript/schema.d.ts.
generate_into() {
    local out=$1 log
    mkdir -p "$out/typescript"
    simplify_spec "$TMP/spec-python.json"
    log="$TMP/python-generate.log"
    # ruff (from the venv) formats the output; without it on PATH the generator skips that.
    if ! PATH="$VENV/bin:$PATH" "$VENV/bin/openapi-python-client" generate \
        --path "$TMP/spec-python.json" --config "$PY_CONFIG" --meta setup \
        --output-path "$out/python" --overwrite >"$log" 2>&1; then
        cat "$log" >&2
        die "openapi-python-client failed"
    fi
    # Anything it could not process is a warning, and the schema is silently left out: refuse.
    if grep -Eq 'Unable to (process|parse)|Skipping|Warning' "$log"; then
        cat "$log" >&2
        die "openapi-python-client warned about the spec (see above); the client would be incomplete"
    fi
    rm -rf "$out/python/.ruff_cache"
    find "$out/python" -name __pycache__ -type d -prune -exec rm -rf {} +
    (cd "$TS_DIR" && node_modules/.bin/openapi-typescript "$SPEC" --output "$out/typescript/schema.d.ts" \
        >"$TMP/ts-generate.log" 2>&1) || {
        cat "$TMP/ts-generate.log" >&2
        die "openapi-typescript failed"
    }
}

ensure_python_tools
if $python_tools_only; then
    echo "generate: Python tools ready in $VENV: $("$VENV/bin/openapi-python-client" --version)"
    exit 0
fi
ensure_node_tools
if $tools_only; then
    echo "generate: tools ready: $("$VENV/bin/openapi-python-client" --version), ruff $("$VENV/bin/ruff" --version | cut -d' ' -f2), openapi-typescript $("$TS_DIR/node_modules/.bin/openapi-typescript" --version | tr -d v)"
    exit 0
fi
generate_into "$TMP/out"

# Leaves only the generated sources in a copy of the Python project: no hand-written files,
# no build artefacts.
generated_only() {
    local dir=$1 keep artefact
    for keep in "${PY_KEEP[@]}"; do rm -f "${dir:?}/$keep"; done
    for artefact in "${PY_ARTEFACTS[@]}"; do
        find "$dir" -mindepth 1 -maxdepth 1 -name "$artefact" -exec rm -rf {} +
    done
    find "$dir" -name __pycache__ -type d -prune -exec rm -rf {} +
}

# The committed Python project minus the hand-written files, for comparison.
committed_python() {
    local dest=$1
    mkdir -p "$dest"
    if [ -d "$PY_DIR" ]; then
        cp -R "$PY_DIR/." "$dest/"
        generated_only "$dest"
    fi
}

if $check; then
    for keep in "${PY_KEEP[@]}"; do
        [ -f "$PY_DIR/$keep" ] || die "openapi/python/$keep is missing (it is written by hand, not generated)"
    done
    committed_python "$TMP/committed/python"
    generated_only "$TMP/out/python"
    mkdir -p "$TMP/committed/typescript"
    [ -f "$TS_DIR/schema.d.ts" ] && cp "$TS_DIR/schema.d.ts" "$TMP/committed/typescript/"
    if (cd "$TMP" && diff -r committed out >"$TMP/diff.txt" 2>&1); then
        echo "generate: the Python and TypeScript clients match openapi/openapi.json"
        exit 0
    fi
    {
        echo "generate: the committed clients differ from what openapi/openapi.json generates:"
        (cd "$TMP" && diff -rq committed out || true) | sed -E \
            -e 's|^Files committed/([^ ]+) and .* differ$|  changed:   openapi/\1|' \
            -e 's|^Only in committed/?([^:]*): (.*)$|  in the tree only (stale): openapi/\1/\2|' \
            -e 's|^Only in out/?([^:]*): (.*)$|  generated only (missing): openapi/\1/\2|'
        echo "first lines of the difference (committed <, generated >):"
        head -n 40 "$TMP/diff.txt" | sed 's/^/  /'
        echo "regenerate them with:  openapi/generate.sh   (then commit openapi/python and openapi/typescript/schema.d.ts)"
    } >&2
    exit 1
fi

# Replace the generated part of openapi/python, keeping the hand-written files.
mkdir -p "$PY_DIR"
for keep in "${PY_KEEP[@]}"; do
    if [ -f "$PY_DIR/$keep" ]; then
        mkdir -p "$(dirname "$TMP/keep/$keep")"
        cp "$PY_DIR/$keep" "$TMP/keep/$keep"
    fi
done
find "$PY_DIR" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
cp -R "$TMP/out/python/." "$PY_DIR/"
[ -d "$TMP/keep" ] && cp -R "$TMP/keep/." "$PY_DIR/"
cp "$TMP/out/typescript/schema.d.ts" "$TS_DIR/schema.d.ts"
echo "generate: wrote openapi/python/ ($(find "$PY_DIR/recourse_client" -name '*.py' | wc -l) modules) and openapi/typescript/schema.d.ts ($(wc -l <"$TS_DIR/schema.d.ts") lines)"
