// The shell scripts agents download, read from agent-scripts/ at run time (cached by mtime so an
// update on disk is served without a restart), and the installer rendered for one host.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Settings } from "@/db/schema";
import { getEnv } from "@/lib/env";

export const SCRIPT_NAMES = {
  agent: "patchmon-agent.sh",
  installer: "patchmon_install.sh",
  remover: "patchmon_remove.sh",
  proxmoxEnrol: "proxmox_auto_enroll.sh",
  directEnrol: "direct_host_auto_enroll.sh",
} as const;

export type ScriptFile = {
  content: string;
  /** SHA-256 hex of exactly the bytes served. */
  sha256: string;
  mtime: Date;
  /** AGENT_VERSION="..." in the script, when it declares one. */
  version: string | null;
};

const cache = new Map<string, { mtimeMs: number; size: number; checkedAt: number; file: ScriptFile }>();

export function scriptPath(name: string): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "agent-scripts", name);
}

export function parseAgentVersion(content: string): string | null {
  const match = /^\s*(?:readonly\s+|export\s+)?AGENT_VERSION=["']?([0-9][0-9A-Za-z.+-]*)["']?/m.exec(content);
  return match?.[1] ?? null;
}

/**
 * The script, or null when the file is not there. `maxAgeMs` lets a caller that runs per report (the
 * alert evaluation's agent version) take what was read up to that long ago instead of asking the
 * file system again; downloads always look.
 */
export async function loadScript(name: string, { maxAgeMs = 0 } = {}): Promise<ScriptFile | null> {
  const now = Date.now();
  const cached = cache.get(name);
  if (cached && maxAgeMs > 0 && now - cached.checkedAt < maxAgeMs) return cached.file;
  const file = scriptPath(name);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
    cached.checkedAt = now;
    return cached.file;
  }
  const content = await readFile(file, "utf8");
  const loaded: ScriptFile = {
    content,
    sha256: createHash("sha256").update(content, "utf8").digest("hex"),
    mtime: info.mtime,
    version: parseAgentVersion(content),
  };
  cache.set(name, { mtimeMs: info.mtimeMs, size: info.size, checkedAt: now, file: loaded });
  return loaded;
}

/** -1, 0 or 1 comparing dotted versions numerically ("1.10.0" > "1.9.2"); a "v" prefix is ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^v/i, "")
      .split(/[.+-]/)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d > 0 ? 1 : -1;
  }
  return 0;
}

/**
 * The URL agents reach this server at: the settings (server_protocol/host/port), unless they are
 * still the untouched defaults, in which case SERVER_PROTOCOL/HOST/PORT (env.serverUrl).
 */
export function resolveServerUrl(settings: Pick<Settings, "serverProtocol" | "serverHost" | "serverPort">) {
  const untouched =
    settings.serverProtocol === "http" && settings.serverHost === "localhost" && settings.serverPort === 3000;
  if (untouched) return getEnv().serverUrl;
  const defaultPort = settings.serverProtocol === "https" ? 443 : 80;
  const port = settings.serverPort === defaultPort ? "" : `:${settings.serverPort}`;
  return `${settings.serverProtocol}://${settings.serverHost}${port}`;
}

export function curlFlags(settings: Pick<Settings, "ignoreSslSelfSigned">): "-s" | "-sk" {
  return settings.ignoreSslSelfSigned ? "-sk" : "-s";
}

// Values substituted into a shell script must be inert inside single or double quotes and bare.
const SAFE = {
  // Host name (underscores occur in internal DNS) or bracketed IPv6, optional port, optional path
  // (a reverse-proxy sub-path) of characters that are inert in the shell.
  url: /^https?:\/\/([A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/,
  token: /^[0-9a-f]{64}$/,
  architecture: /^[A-Za-z0-9_-]{0,32}$/,
};

export class UnsafeScriptValueError extends Error {}

export type InstallerValues = {
  serverUrl: string;
  curlFlags: "-s" | "-sk";
  bootstrapToken: string;
  force: boolean;
  architecture: string;
};

/** The installer template with its placeholders filled; throws when a value is not shell-safe. */
export function renderInstaller(template: string, values: InstallerValues): string {
  if (!SAFE.url.test(values.serverUrl)) throw new UnsafeScriptValueError("server URL is not shell-safe");
  if (!SAFE.token.test(values.bootstrapToken)) throw new UnsafeScriptValueError("bad bootstrap token");
  if (!SAFE.architecture.test(values.architecture)) throw new UnsafeScriptValueError("bad architecture");
  const replacements: Record<string, string> = {
    __PATCHMON_URL__: values.serverUrl,
    __CURL_FLAGS__: values.curlFlags,
    __BOOTSTRAP_TOKEN__: values.bootstrapToken,
    __FORCE_INSTALL__: values.force ? "true" : "false",
    __ARCHITECTURE__: values.architecture,
  };
  return template.replace(
    /__(PATCHMON_URL|CURL_FLAGS|BOOTSTRAP_TOKEN|FORCE_INSTALL|ARCHITECTURE)__/g,
    (placeholder) => replacements[placeholder] ?? placeholder,
  );
}

/** The one-line install command for a bootstrap token (what host:create and the UI show). */
export function installCommand(serverUrl: string, flags: "-s" | "-sk", token: string): string {
  return `curl ${flags} -H "X-Bootstrap-Token: ${token}" ${serverUrl}/api/v1/hosts/install | sh`;
}

/** A script answer: text/x-shellscript, never cached (the installer carries a one-time token). */
export function shellScriptResponse(content: string, filename: string, disposition = "inline"): Response {
  return new Response(content, {
    status: 200,
    headers: {
      "Content-Type": "text/x-shellscript; charset=utf-8",
      "Content-Disposition": `${disposition}; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
