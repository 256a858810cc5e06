// The status bar text for the server's `copydesk/corpusStatus` notifications.

export interface CorpusStatus {
  root: string;
  state: "loading" | "ready" | "failed";
  articles: number | null;
  message: string | null;
}

export interface StatusView {
  text: string;
  tooltip: string;
}

/** Combine the latest status of every project root into one item. */
export function statusView(byRoot: Map<string, CorpusStatus>): StatusView {
  const all = [...byRoot.values()];
  const failed = all.filter((s) => s.state === "failed");
  if (failed.length > 0) {
    return {
      text: "$(error) copydesk",
      tooltip: failed.map((s) => `${s.root}: ${s.message ?? "the corpus did not load"}`).join("\n"),
    };
  }
  if (all.some((s) => s.state === "loading")) {
    return { text: "$(sync~spin) copydesk: loading corpus", tooltip: "Reading the reference corpus" };
  }
  const articles = all.reduce((sum, s) => sum + (s.articles ?? 0), 0);
  const noun = articles === 1 ? "article" : "articles";
  return {
    text: `$(book) copydesk: ${articles} ${noun}`,
    tooltip: all.map((s) => `${s.root}: ${s.articles ?? 0} ${noun}`).join("\n") || "No reference corpus",
  };
}
