// The extension's settings as the server's settings object. The server
// rejects unknown keys, so only its own keys are sent, and empty values are
// left out so copydesk.toml decides.

export const CHECK_CODES = [
  "name-spelling",
  "unattributed-quote",
  "scare-quote",
  "unbalanced-quote",
  "misquote",
  "misattributed-quote",
  "claim-conflict",
] as const;

const SEVERITIES = ["error", "warning", "info", "hint"];

export interface CheckSetting {
  enabled?: boolean;
  severity?: string;
}

export interface ServerSettings {
  rulesDir?: string;
  corpusDirs?: string[];
  builtinRules?: boolean;
  checks?: Record<string, CheckSetting>;
  debounceMs?: number;
}

/** `get(key)` reads one `copydesk.*` setting. */
export function serverSettings(get: (key: string) => unknown): ServerSettings {
  const settings: ServerSettings = {};
  const rulesDir = get("rulesDir");
  if (typeof rulesDir === "string" && rulesDir.trim() !== "") {
    settings.rulesDir = rulesDir.trim();
  }
  const corpusDirs = get("corpusDirs");
  if (Array.isArray(corpusDirs)) {
    const dirs = corpusDirs.filter((d): d is string => typeof d === "string" && d.trim() !== "");
    if (dirs.length > 0) {
      settings.corpusDirs = dirs;
    }
  }
  const builtinRules = get("builtinRules");
  if (typeof builtinRules === "boolean") {
    settings.builtinRules = builtinRules;
  }
  const checks = get("checks");
  if (checks && typeof checks === "object") {
    const kept: Record<string, CheckSetting> = {};
    for (const [code, value] of Object.entries(checks as Record<string, unknown>)) {
      if (!(CHECK_CODES as readonly string[]).includes(code) || !value || typeof value !== "object") {
        continue;
      }
      const raw = value as Record<string, unknown>;
      const check: CheckSetting = {};
      if (typeof raw.enabled === "boolean") {
        check.enabled = raw.enabled;
      }
      if (typeof raw.severity === "string" && SEVERITIES.includes(raw.severity)) {
        check.severity = raw.severity;
      }
      kept[code] = check;
    }
    if (Object.keys(kept).length > 0) {
      settings.checks = kept;
    }
  }
  const debounce = get("debounceMs");
  if (typeof debounce === "number" && Number.isFinite(debounce) && debounce >= 0) {
    settings.debounceMs = Math.round(debounce);
  }
  return settings;
}

/**
 * The server's initializationOptions: the settings, and the editor's
 * workspace trust beside them, where no workspace setting can reach it.
 * The server confines itself to the workspace when trust is false.
 */
export function initializationOptions(settings: ServerSettings, trusted: boolean) {
  return { copydesk: settings, workspaceTrusted: trusted };
}
