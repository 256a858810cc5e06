// The copydesk extension: starts `copydesk lsp` for Markdown and plain text
// through vscode-languageclient, and adds commands and a status bar item.
import * as fs from "fs";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

import { findBinary } from "./binary";
import { initializationOptions, serverSettings } from "./settings";
import { CorpusStatus, statusView } from "./status";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
const corpusByRoot = new Map<string, CorpusStatus>();

function settingsNow() {
  const config = vscode.workspace.getConfiguration("copydesk");
  return serverSettings((key) => config.get(key));
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findBinary({
    setting: vscode.workspace.getConfiguration("copydesk").get<string>("path"),
    extensionDir: context.extensionPath,
    platform: process.platform,
    arch: process.arch,
    pathVariable: process.env.PATH,
    exists: isExecutable,
  });
  if (!found) {
    const message =
      "copydesk: no copydesk binary found. Set `copydesk.path`, or install copydesk so that it is on the PATH.";
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  output.appendLine(`Starting ${found.command} lsp (${found.source})`);
  const serverOptions: ServerOptions = {
    command: found.command,
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: initializationOptions(settingsNow(), vscode.workspace.isTrusted),
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` with the server's own keys only.
        configuration: (params) => params.items.map(() => settingsNow()),
      },
    },
  };
  client = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  client.onNotification("copydesk/corpusStatus", (params: CorpusStatus) => {
    corpusByRoot.set(params.root, params);
    showStatus();
  });
  await client.start();
}

function showStatus(): void {
  const view = statusView(corpusByRoot);
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.show();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    await client.stop().catch(() => undefined);
    client = undefined;
  }
  corpusByRoot.clear();
  status.text = "$(sync~spin) copydesk: starting";
  await start(context);
}

async function lintWorkspace(): Promise<void> {
  if (!client) {
    void vscode.window.showWarningMessage("copydesk: the language server is not running.");
    return;
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "copydesk: linting the workspace" },
    () =>
      client!.sendRequest<{ files: number; findings: number; errors: string[] }>(
        "workspace/executeCommand",
        { command: "copydesk.lintWorkspace", arguments: [] },
      ),
  );
  const errors = result.errors?.length ? ` (${result.errors.length} files could not be read)` : "";
  void vscode.window.showInformationMessage(
    `copydesk: ${result.findings} findings in ${result.files} files${errors}.`,
  );
}

/** The copydesk diagnostics at the cursor, or on its line. */
function diagnosticsHere(editor: vscode.TextEditor): vscode.Diagnostic[] {
  const all = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === "copydesk");
  const cursor = editor.selection.active;
  const atCursor = all.filter((d) => d.range.contains(cursor));
  return atCursor.length > 0 ? atCursor : all.filter((d) => d.range.start.line === cursor.line);
}

async function openRule(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  const here = diagnosticsHere(editor);
  if (here.length === 0) {
    void vscode.window.showInformationMessage("copydesk: no copydesk diagnostic on this line.");
    return;
  }
  const picked =
    here.length === 1
      ? here[0]
      : (
          await vscode.window.showQuickPick(
            here.map((d) => ({ label: String(codeOf(d)), detail: d.message, diagnostic: d })),
            { placeHolder: "Which diagnostic?" },
          )
        )?.diagnostic;
  if (!picked) {
    return;
  }
  const rule = picked.relatedInformation?.find((r) => r.location.uri.path.endsWith(".toml"));
  if (rule) {
    const document = await vscode.workspace.openTextDocument(rule.location.uri);
    await vscode.window.showTextDocument(document, { selection: rule.location.range });
    return;
  }
  const code = picked.code;
  if (code && typeof code === "object" && "target" in code) {
    await vscode.env.openExternal(code.target);
  }
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code && typeof code === "object") {
    return String(code.value);
  }
  return String(code ?? "copydesk");
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("copydesk");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = "copydesk.showOutput";
  status.text = "$(sync~spin) copydesk: starting";
  status.show();
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand("copydesk.restartServer", () => restart(context)),
    vscode.commands.registerCommand("copydesk.lintWorkspace", lintWorkspace),
    vscode.commands.registerCommand("copydesk.openRule", openRule),
    vscode.commands.registerCommand("copydesk.showOutput", () => output.show()),
    // Granting trust lifts the server's limits: start it again with them off.
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("copydesk.path")) {
        await restart(context);
      } else if (event.affectsConfiguration("copydesk") && client) {
        // The server asks for the new values through workspace/configuration.
        await client.sendNotification("workspace/didChangeConfiguration", { settings: null });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
