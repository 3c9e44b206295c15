// A deliberately small User-Agent reader for the sessions and devices lists: a browser family with
// its major version and an operating system, good enough for a person to recognise their own
// devices. Order matters: most browsers also claim to be Chrome, Safari and Mozilla.

export type UserAgentSummary = { browser: string; os: string };

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\/(\d+)/, "Edge"],
  [/\bOPR\/(\d+)/, "Opera"],
  [/\bVivaldi\/(\d+)/, "Vivaldi"],
  [/\bSamsungBrowser\/(\d+)/, "Samsung Internet"],
  [/\bYaBrowser\/(\d+)/, "Yandex Browser"],
  [/\bFxiOS\/(\d+)/, "Firefox"],
  [/\bCriOS\/(\d+)/, "Chrome"],
  [/\bFirefox\/(\d+)/, "Firefox"],
  [/\bHeadlessChrome\/(\d+)/, "Headless Chrome"],
  [/\bChromium\/(\d+)/, "Chromium"],
  [/\bChrome\/(\d+)/, "Chrome"],
  [/\bVersion\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, "Safari"],
  [/\bcurl\/(\d+)/, "curl"],
  [/\bWget\/(\d+)/, "Wget"],
];

const SYSTEMS: readonly [RegExp, (match: RegExpMatchArray) => string][] = [
  [/\bWindows NT 10\.0/, () => "Windows"],
  [/\bWindows NT 6\.3/, () => "Windows 8.1"],
  [/\bWindows NT 6\.1/, () => "Windows 7"],
  [/\bWindows/, () => "Windows"],
  [/\b(?:iPhone|iPod).*? OS (\d+)/, (m) => `iOS ${m[1]}`],
  [/\biPad.*? OS (\d+)/, (m) => `iPadOS ${m[1]}`],
  [/\bAndroid (\d+)/, (m) => `Android ${m[1]}`],
  [/\bAndroid\b/, () => "Android"],
  [/\bCrOS\b/, () => "ChromeOS"],
  // Browsers froze the macOS version at 10.15, so a version here would mislead.
  [/\bMacintosh\b/, () => "macOS"],
  [/\bUbuntu\b/, () => "Ubuntu"],
  [/\bFedora\b/, () => "Fedora"],
  [/\bLinux\b/, () => "Linux"],
  [/\bFreeBSD\b/, () => "FreeBSD"],
];

const UNKNOWN: UserAgentSummary = { browser: "Unknown browser", os: "Unknown OS" };

/** "Chrome 126" / "Windows" from a User-Agent header; "Unknown ..." for what it does not know. */
export function parseUserAgent(header: string | null | undefined): UserAgentSummary {
  if (!header) return UNKNOWN;
  const ua = header.slice(0, 512);
  let browser = UNKNOWN.browser;
  for (const [pattern, name] of BROWSERS) {
    const match = ua.match(pattern);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  let os = UNKNOWN.os;
  for (const [pattern, name] of SYSTEMS) {
    const match = ua.match(pattern);
    if (match) {
      os = name(match);
      break;
    }
  }
  return { browser, os };
}
