import { strict as assert } from "assert";
import Module from "module";
import { test } from "node:test";
import * as path from "path";

// The bundle must load with nothing but the `vscode` module the editor
// provides: vscode-languageclient is inside it, not in node_modules.
test("the bundled extension loads and exports activate and deactivate", () => {
  const resolve = (Module as unknown as { _resolveFilename: Function })._resolveFilename;
  const stub = path.join(__dirname, "vscode-stub.js");
  (Module as unknown as { _resolveFilename: Function })._resolveFilename = function (
    request: string,
    ...rest: unknown[]
  ) {
    if (request === "vscode") {
      return stub;
    }
    if (request === "vscode-languageclient/node") {
      throw new Error("vscode-languageclient must be bundled");
    }
    return resolve.call(this, request, ...rest);
  };
  try {
    const extension = require(path.join(__dirname, "..", "extension.js"));
    assert.equal(typeof extension.activate, "function");
    assert.equal(typeof extension.deactivate, "function");
  } finally {
    (Module as unknown as { _resolveFilename: Function })._resolveFilename = resolve;
  }
});
