import { strict as assert } from "assert";
import { test } from "node:test";

import { serverSettings } from "../src/settings";

function from(values: Record<string, unknown>) {
  return serverSettings((key) => values[key]);
}

test("empty values are left out so copydesk.toml decides", () => {
  assert.deepEqual(from({ rulesDir: "", corpusDirs: [], debounceMs: undefined }), {});
});

test("the server's keys are passed through", () => {
  assert.deepEqual(
    from({
      rulesDir: " rules ",
      corpusDirs: ["corpus", "wire", ""],
      builtinRules: false,
      debounceMs: 200.4,
      checks: { "claim-conflict": { severity: "error" }, "scare-quote": { enabled: false } },
    }),
    {
      rulesDir: "rules",
      corpusDirs: ["corpus", "wire"],
      builtinRules: false,
      debounceMs: 200,
      checks: { "claim-conflict": { severity: "error" }, "scare-quote": { enabled: false } },
    },
  );
});

test("unknown checks, severities and keys never reach the server", () => {
  assert.deepEqual(
    from({ checks: { "no-such-check": { enabled: true }, misquote: { severity: "loud", extra: 1 } }, path: "/x" }),
    { checks: { misquote: {} } },
  );
});
