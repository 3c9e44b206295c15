import { maskSecret, maskUrlPassword, parseBoolean, parseDuration, parseInteger, parseSize } from "./parsers";

export type EnvSource = Record<string, string | undefined>;

type Masking = "secret" | "url" | undefined;

/**
 * Reads typed values from an environment, collecting one problem line per bad variable instead of
 * stopping at the first, so an operator fixes everything in one go.
 */
export class EnvReader {
  readonly problems: string[] = [];
  readonly names = new Set<string>();

  constructor(private readonly source: EnvSource) {}

  /** The raw value; empty strings count as unset (env files often carry `NAME=`). */
  raw(name: string): string | undefined {
    this.names.add(name);
    const value = this.source[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  }

  problem(name: string, got: string | undefined, expected: string, masking?: Masking): void {
    const shown =
      got === undefined
        ? "nothing"
        : `"${masking === "secret" ? maskSecret(got) : masking === "url" ? maskUrlPassword(got) : got}"`;
    this.problems.push(`${name}: got ${shown}, expected ${expected}`);
  }

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  secret(name: string, minLength = 1): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < minLength) {
      this.problem(name, value, `at least ${minLength} characters`, "secret");
      return undefined;
    }
    return value;
  }

  integer(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = parseInteger(value, min, max);
    if (parsed === null) {
      const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
      this.problem(name, value, `a whole number ${range}`);
      return fallback;
    }
    return parsed;
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = parseBoolean(value);
    if (parsed === null) {
      this.problem(name, value, "true or false");
      return fallback;
    }
    return parsed;
  }

  /** Duration in milliseconds from "30s", "15m", "2h", "7d". */
  duration(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const parsed = parseDuration(value);
    if (parsed === null) {
      this.problem(name, value, 'a duration such as "30s", "15m", "2h" or "7d"');
      return parseDuration(fallback) ?? 0;
    }
    return parsed;
  }

  /** Size in bytes from "2mb", "512kb". */
  size(name: string, fallback: string): number {
    const value = this.raw(name) ?? fallback;
    const parsed = parseSize(value);
    if (parsed === null) {
      this.problem(name, value, 'a size such as "512kb", "2mb" or "1gb"');
      return parseSize(fallback) ?? 0;
    }
    return parsed;
  }

  oneOf<const T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = allowed.find((option) => option === value.toLowerCase());
    if (!match) {
      this.problem(name, value, `one of ${allowed.join(", ")}`);
      return fallback;
    }
    return match;
  }

  /**
   * A URL with one of `protocols`. Shown masked in errors: URLs carry credentials. A database URL
   * may leave the host out (`postgresql:///patchmon?host=/var/run/postgresql`, a Unix socket).
   */
  url(
    name: string,
    protocols: readonly string[],
    options: { allowNoHost?: boolean } = {},
  ): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (protocols.includes(url.protocol) && (url.host !== "" || options.allowNoHost)) return value;
    } catch {
      // reported below
    }
    const schemes = protocols.map((p) => `${p}//`).join(" or ");
    this.problem(name, value, `a URL starting with ${schemes}`, "url");
    return undefined;
  }

  urlList(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    const isWebUrl = (item: string) =>
      URL.canParse(item) && ["http:", "https:"].includes(new URL(item).protocol);
    const bad = items.filter((item) => !isWebUrl(item));
    if (bad.length > 0) {
      this.problem(name, value, "a comma-separated list of URLs such as https://a.example.com", "url");
    }
    return items.filter(isWebUrl);
  }
}
