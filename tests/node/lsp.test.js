// Out-of-process test of `copydesk lsp --stdio`, driven by the protocol
// libraries VS Code uses. They reject anything on stdout that is not
// JSON-RPC, so this also proves the server never prints there.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const repo = path.resolve(__dirname, '..', '..');
const WAIT_MS = 20000;

function serverBinary() {
  if (process.env.COPYDESK_BIN) return process.env.COPYDESK_BIN;
  for (const profile of ['release', 'debug']) {
    const candidate = path.join(repo, 'target', profile, 'copydesk');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('no copydesk binary: run `cargo build` first or set COPYDESK_BIN');
}

/** A temporary copy of the newsroom fixture: config, house rules, corpus, drafts. */
function newsroom() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-node-')));
  fs.cpSync(path.join(repo, 'tests', 'fixtures', 'newsroom'), root, { recursive: true });
  return root;
}

/** Apply LSP text edits to `text` (JS strings index in UTF-16, as LSP does by default). */
function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => Math.min(lineStarts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const edit of sorted) {
    text = text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
  }
  return text;
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('copydesk lsp --stdio: diagnostics, quick fix, fix-all, shutdown and exit', async () => {
  const root = newsroom();
  const draftPath = path.join(root, 'drafts', 'draft.md');
  const uri = pathToFileURL(draftPath).href;
  let text = fs.readFileSync(draftPath, 'utf8');

  const child = spawn(serverBinary(), ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const protocolErrors = [];
  connection.onError((error) => protocolErrors.push(String(error[0] && error[0].message)));
  // Server-to-client requests (watcher registration, progress tokens) get a null result.
  connection.onRequest(() => null);

  const published = [];
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.accept(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  // The corpus loads in the background: the house rules lint at once, the
  // corpus counts (the hover below) only once it is ready.
  let corpusReady;
  const ready = new Promise((resolve) => { corpusReady = resolve; });
  connection.onNotification('copydesk/corpusStatus', (params) => {
    if (params.state === 'ready') corpusReady(params);
  });
  const diagnosticsWhere = (what, accept) => withTimeout(new Promise((resolve) => {
    const seen = published.find((p) => accept(p));
    if (seen) resolve(seen);
    else waiters.push({ accept, resolve });
  }), what);
  connection.listen();

  const init = await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { window: { workDoneProgress: true } },
    initializationOptions: { debounceMs: 0 },
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'newsroom' }],
  }), 'initialize');
  assert.equal(init.capabilities.positionEncoding, 'utf-16');
  assert.equal(init.capabilities.textDocumentSync.change, 2);
  await connection.sendNotification('initialized', {});

  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  // The house rules give four findings: three "Kiev", one "Aleksandr Syrsky".
  const first = await diagnosticsWhere('the house-rule findings', (p) =>
    p.uri === uri && p.version === 1 && p.diagnostics.length === 4);
  const matches = first.diagnostics.map((d) => d.data.match);
  assert.deepEqual(matches, ['Kiev', 'Kiev', 'Kiev', 'Aleksandr Syrsky']);
  const kiev = first.diagnostics[1];
  assert.deepEqual(kiev.range, { start: { line: 2, character: 25 }, end: { line: 2, character: 29 } });
  assert.equal(kiev.code, 'name-spelling');
  assert.equal(kiev.codeDescription.href, 'https://github.com/copydesk/copydesk#name-spelling');
  const syrsky = first.diagnostics[3];

  // Quick fix for the Syrsky finding, applied as an incremental change.
  const actions = await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: syrsky.range,
    context: { diagnostics: [syrsky] },
  });
  const fix = actions.find((a) => a.title === 'Replace with ‘Oleksandr Syrskyi’');
  assert.ok(fix, `quick fix offered: ${actions.map((a) => a.title)}`);
  const edits = fix.edit.changes[uri];
  text = applyEdits(text, edits);
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
  });
  const second = await diagnosticsWhere('diagnostics of version 2', (p) => p.uri === uri && p.version === 2);
  assert.deepEqual(second.diagnostics.map((d) => d.data.match), ['Kiev', 'Kiev', 'Kiev']);

  // Fix all safe findings (here, name spellings); then the draft is clean.
  const sourceActions = await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(sourceActions.length, 1);
  text = applyEdits(text, sourceActions[0].edit.changes[uri]);
  assert.match(text, /Kyiv's mayor/);
  assert.match(text, /`Kiev` in code/);
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ text }],
  });
  const third = await diagnosticsWhere('diagnostics of version 3', (p) => p.uri === uri && p.version === 3);
  assert.deepEqual(third.diagnostics, []);

  await withTimeout(ready, 'the corpus to load');
  const hover = await connection.sendRequest('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 27 },
  });
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /Kyiv.*mentions? in \d+ articles?/, 'corpus counts for the fixed name');

  // shutdown, exit, and stdin stays open: the process must still end, with 0.
  await withTimeout(connection.sendRequest('shutdown'), 'shutdown');
  await connection.sendNotification('exit');
  const { code, signal } = await withTimeout(exited, 'the server process to exit');
  assert.equal(signal, null);
  assert.equal(code, 0, `exit status; stderr:\n${stderr}`);
  assert.deepEqual(protocolErrors, [], 'stdout carried only JSON-RPC');
  assert.doesNotMatch(stderr, /panicked/);
  connection.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});
