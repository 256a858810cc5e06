#!/usr/bin/env bash
# The corpus-database suite, as CI runs it: a throwaway PostgreSQL server
# (tests/postgres/server.sh), the server tests of tests/postgres.rs, and
# the parity of the two backends on 1,000 synthetic drafts against 1,000
# synthetic articles.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
cargo build --locked --release --quiet --example synthetic_corpus
cargo build --locked --release --quiet
target="${CARGO_TARGET_DIR:-$repo/target}"
synthetic="$(mktemp -d /tmp/copydesk-synthetic.XXXXXX)"
trap 'rm -rf "$synthetic"' EXIT
"$target/release/examples/synthetic_corpus" "$synthetic" 1000 1000 7 >/dev/null
bash tests/postgres/server.sh bash -c "
  cargo test --locked --test postgres -- --include-ignored &&
  cargo test --locked --test postgres_outage -- --include-ignored &&
  COPYDESK_BIN='$target/release/copydesk' bench/postgres_parity.sh '$synthetic/corpus' '$synthetic/drafts'
"
