import { strict as assert } from "assert";
import { test } from "node:test";

import { CorpusStatus, statusView } from "../src/status";

const status = (root: string, state: CorpusStatus["state"], articles: number | null, message: string | null = null) =>
  [root, { root, state, articles, message }] as [string, CorpusStatus];

test("loading, then the number of articles", () => {
  assert.match(statusView(new Map([status("/a", "loading", null)])).text, /loading corpus/);
  assert.equal(statusView(new Map([status("/a", "ready", 1)])).text, "$(book) copydesk: 1 article");
  assert.equal(
    statusView(new Map([status("/a", "ready", 8), status("/b", "ready", 4)])).text,
    "$(book) copydesk: 12 articles",
  );
});

test("a failed load shows an error with its message", () => {
  const view = statusView(new Map([status("/a", "ready", 8), status("/b", "failed", null, "no such folder")]));
  assert.equal(view.text, "$(error) copydesk");
  assert.match(view.tooltip, /\/b: no such folder/);
});
