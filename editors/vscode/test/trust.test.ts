import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";

import { initializationOptions } from "../src/settings";

// Compiled to out/test/: the manifest is two folders up.
const manifest = JSON.parse(
  fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"),
);

test("the extension declares limited support for untrusted workspaces", () => {
  const untrusted = manifest.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, "limited");
  assert.ok(untrusted.description.length > 0);
  for (const key of ["copydesk.path", "copydesk.rulesDir", "copydesk.corpusDirs"]) {
    assert.ok(untrusted.restrictedConfigurations.includes(key), key);
  }
});

test("workspace trust is sent beside the settings, not among them", () => {
  const options = initializationOptions({ debounceMs: 10 }, false);
  assert.deepEqual(options, { copydesk: { debounceMs: 10 }, workspaceTrusted: false });
});
