#!/usr/bin/env python3
"""Memory of the language server as drafts open, change and close.

Starts `copydesk lsp --stdio` in a folder with a copydesk.toml (a scale
corpus from bench/scale.sh, say), then for each of N drafts: opens it,
edits it twice (a name and a figure changed, as a reporter would), waits for
its diagnostics, and closes it. Prints the server's resident memory (VmRSS,
and the peak VmHWM) after the first draft and every 50th.

    bench/lsp_memory.py COPYDESK_BIN PROJECT_DIR DRAFTS_DIR [N]
"""

import json
import pathlib
import subprocess
import sys
import time


def rss_kb(pid, field):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class Client:
    def __init__(self, binary, cwd):
        self.proc = subprocess.Popen(
            [binary, "lsp", "--stdio"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0

    def send(self, message):
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def receive(self):
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message
            self.answer(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def answer(self, message):
        # Server requests (registration, configuration, progress) get a null result.
        if "method" in message and "id" in message:
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def diagnostics_for(self, uri, version, timeout=120):
        deadline = time.time() + timeout
        while time.time() < deadline:
            message = self.receive()
            self.answer(message)
            params = message.get("params") or {}
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and params.get("version", version) == version
            ):
                return params.get("diagnostics", [])
        raise TimeoutError(uri)


def main():
    binary, project, drafts_dir = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    project = pathlib.Path(project).resolve()
    drafts = sorted(pathlib.Path(drafts_dir).resolve().glob("*.md"))
    if not drafts:
        sys.exit(f"no drafts in {drafts_dir}")
    client = Client(binary, project)
    started = time.time()
    client.request(
        "initialize",
        {"processId": None, "rootUri": project.as_uri(), "capabilities": {},
         "workspaceFolders": [{"uri": project.as_uri(), "name": "bench"}]},
    )
    client.notify("initialized", {})
    pid = client.proc.pid
    print("| drafts opened and closed | VmRSS MB | VmHWM MB | seconds |")
    print("| ---: | ---: | ---: | ---: |")
    for n in range(1, count + 1):
        path = drafts[(n - 1) % len(drafts)]
        # The same file reopened gets a fresh URI so that nothing is reused.
        uri = path.as_uri() + (f"?copy={n}" if n > len(drafts) else "")
        text = path.read_text()
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}})
        client.diagnostics_for(uri, 1)
        for version, (old, new) in enumerate([("Witkoff", "Whitkoff"), ("19", "20")], start=2):
            text = text.replace(old, new, 1)
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]})
        client.diagnostics_for(uri, 3)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        if n == 1 or n % 50 == 0:
            print(f"| {n} | {rss_kb(pid, 'VmRSS') / 1024:.0f} | {rss_kb(pid, 'VmHWM') / 1024:.0f} "
                  f"| {time.time() - started:.1f} |", flush=True)
    client.request("shutdown", None)
    client.notify("exit", None)
    client.proc.wait(timeout=10)


if __name__ == "__main__":
    main()
