import { strict as assert } from "assert";
import { test } from "node:test";
import * as path from "path";

import { bundledPath, findBinary } from "../src/binary";

const base = {
  setting: undefined as string | undefined,
  extensionDir: "/ext",
  platform: "linux",
  arch: "x64",
  pathVariable: "/usr/local/bin:/usr/bin",
};

test("the setting wins over everything", () => {
  const found = findBinary({ ...base, setting: "/opt/copydesk", exists: () => true });
  assert.deepEqual(found, { command: "/opt/copydesk", source: "setting" });
});

test("the bundled binary comes before the PATH", () => {
  const bundled = bundledPath("/ext", "linux", "x64");
  assert.equal(bundled, path.join("/ext", "server", "linux-x64", "copydesk"));
  const found = findBinary({ ...base, setting: "  ", exists: () => true });
  assert.deepEqual(found, { command: bundled, source: "bundled" });
});

test("the PATH is searched in order when nothing is bundled", () => {
  const found = findBinary({ ...base, exists: (f) => f === "/usr/bin/copydesk" });
  assert.deepEqual(found, { command: "/usr/bin/copydesk", source: "path" });
});

test("nothing found is undefined, and Windows looks for copydesk.exe", () => {
  assert.equal(findBinary({ ...base, exists: () => false }), undefined);
  const found = findBinary({
    ...base,
    platform: "win32",
    pathVariable: "C:\\tools",
    exists: (f) => f.endsWith("copydesk.exe") && !f.includes("server"),
  });
  assert.equal(found?.source, "path");
});
