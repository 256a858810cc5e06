// Where the copydesk binary is: the `copydesk.path` setting, then the binary
// bundled with the extension, then `copydesk` on the PATH. Pure, so it can
// be tested without VS Code.
import * as path from "path";

export interface BinarySearch {
  /** The `copydesk.path` setting, if any. */
  setting: string | undefined;
  /** The extension's install folder. */
  extensionDir: string;
  platform: string;
  arch: string;
  /** The PATH variable. */
  pathVariable: string | undefined;
  exists: (file: string) => boolean;
}

export interface Found {
  command: string;
  source: "setting" | "bundled" | "path";
}

export function executableName(platform: string): string {
  return platform === "win32" ? "copydesk.exe" : "copydesk";
}

/** The bundled binary's path inside the extension: server/linux-x64/copydesk. */
export function bundledPath(extensionDir: string, platform: string, arch: string): string {
  return path.join(extensionDir, "server", `${platform}-${arch}`, executableName(platform));
}

export function findBinary(search: BinarySearch): Found | undefined {
  const setting = search.setting?.trim();
  if (setting) {
    return { command: setting, source: "setting" };
  }
  const bundled = bundledPath(search.extensionDir, search.platform, search.arch);
  if (search.exists(bundled)) {
    return { command: bundled, source: "bundled" };
  }
  const separator = search.platform === "win32" ? ";" : ":";
  for (const dir of (search.pathVariable ?? "").split(separator)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, executableName(search.platform));
    if (search.exists(candidate)) {
      return { command: candidate, source: "path" };
    }
  }
  return undefined;
}
