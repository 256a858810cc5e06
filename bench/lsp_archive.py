#!/usr/bin/env python3
"""The editor against a shared archive: a corpus outside the workspace,
named in the user's settings (`corpusDirs`), as newsrooms keep it.

For each archive size, starts `copydesk lsp --stdio` in an empty workspace
with a fresh per-user cache folder, opens a draft, and times from
`initialize` to the first diagnostics that cite the reference corpus, with
the server's peak memory (VmHWM). The first start indexes the archive into
the per-user cache; the second and third reuse it. Prints a Markdown table.

    bench/lsp_archive.py COPYDESK_BIN [SIZES...]     (default: 10000)

Archives are synthetic (examples/synthetic_corpus.rs), kept in
$SCALE_DIR/N (default /tmp/copydesk-scale, shared with bench/scale.sh).
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lsp_memory import Client, rss_kb  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parent.parent
STARTS = 3


def archive(size):
    folder = pathlib.Path(os.environ.get("SCALE_DIR", "/tmp/copydesk-scale")) / str(size)
    if not (folder / "corpus").is_dir():
        generator = REPO / "target/release/examples/synthetic_corpus"
        if not generator.exists():
            subprocess.run(["cargo", "build", "--release", "--quiet", "--example",
                            "synthetic_corpus"], cwd=REPO, check=True)
        subprocess.run([str(generator), str(folder), str(size), "1000", "7"], check=True,
                       stdout=subprocess.DEVNULL)
    return folder


def cites_corpus(diagnostics):
    return any("reference corpus" in d.get("message", "") for d in diagnostics)


def first_corpus_diagnostics(binary, workspace, corpus, draft_text, cache):
    """Seconds from `initialize` to diagnostics citing the corpus, and peak KB."""
    os.environ["COPYDESK_CACHE_DIR"] = str(cache)  # the server inherits it
    client = Client(binary, workspace)
    started = time.perf_counter()
    client.request("initialize", {
        "processId": None, "rootUri": workspace.as_uri(), "capabilities": {},
        "workspaceFolders": [{"uri": workspace.as_uri(), "name": "desk"}],
        "initializationOptions": {"corpusDirs": [str(corpus)], "debounceMs": 0},
    })
    client.notify("initialized", {})
    uri = (workspace / "draft.md").as_uri()
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": draft_text}})
    deadline = started + 300
    while time.perf_counter() < deadline:
        if cites_corpus(client.diagnostics_for(uri, 1, timeout=300)):
            break
    seconds = time.perf_counter() - started
    peak = rss_kb(client.proc.pid, "VmHWM")
    client.request("shutdown", None)
    client.notify("exit", None)
    client.proc.wait(timeout=30)
    return seconds, peak


def main():
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [10000]
    print("| archive articles | start | first corpus diagnostics s | server peak RSS MB |")
    print("| ---: | --- | ---: | ---: |")
    for size in sizes:
        folder = archive(size)
        draft = (folder / "drafts" / "draft-00000.md").read_text()
        with tempfile.TemporaryDirectory() as scratch:
            scratch = pathlib.Path(scratch)
            workspace, cache = scratch / "desk", scratch / "user-cache"
            workspace.mkdir()
            (workspace / "draft.md").write_text(draft)
            for start in range(1, STARTS + 1):
                label = "first (indexes into the per-user cache)" if start == 1 else f"{start}: cache reused"
                seconds, peak = first_corpus_diagnostics(binary, workspace, folder / "corpus", draft, cache)
                print(f"| {size} | {label} | {seconds:.2f} | {peak / 1024:.0f} |", flush=True)
            leftovers = [p.name for p in workspace.iterdir() if p.name != "draft.md"]
            if leftovers:
                sys.exit(f"the server wrote into the workspace: {leftovers}")
            if any((folder / "corpus").rglob(".copydesk-cache")):
                sys.exit("the server wrote into the archive")


if __name__ == "__main__":
    main()
