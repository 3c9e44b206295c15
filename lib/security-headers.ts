// Security headers of every response. The constant ones are also declared in next.config.ts so
// that static files (which proxy.ts does not see) carry them; the Content-Security-Policy needs a
// fresh nonce per request and HSTS depends on run-time settings, so proxy.ts adds those.
// No "@/" imports: next.config.ts loads this file outside the bundler.

export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

export type CspOptions = {
  /** Per-request nonce; Next puts it on its own scripts when it sees it in the request's CSP. */
  nonce: string;
  /** Development: React rebuilds server error stacks with eval. */
  development: boolean;
  /** Served over https: ask browsers to upgrade stray http:// subresources. */
  https: boolean;
  /** OIDC issuer origin: signing in posts a form that the server redirects to the IdP. */
  oidcIssuer?: string | null;
};

/**
 * The Content-Security-Policy. Scripts run only with the request's nonce ('strict-dynamic' lets
 * them load Next's chunks); styles allow 'unsafe-inline' because Radix and sonner set inline
 * styles (a nonce there would disable 'unsafe-inline'); images allow data: and blob: for the TOTP
 * QR code.
 */
export function contentSecurityPolicy(options: CspOptions): string {
  const scripts = ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'"];
  if (options.development) scripts.push("'unsafe-eval'");
  const formAction = ["'self'"];
  const issuer = originOf(options.oidcIssuer);
  if (issuer) formAction.push(issuer);
  const directives: string[][] = [
    ["default-src", "'self'"],
    ["script-src", ...scripts],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", ...formAction],
    ["frame-ancestors", "'none'"],
  ];
  // Over plain http the upgrade would break every same-origin request.
  if (options.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** A fresh base64 nonce of 128 random bits. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type SecuritySettings = {
  development: boolean;
  protocol: "http" | "https";
  enableHsts: boolean;
  oidcIssuer?: string | null;
};

/** Every security header of a response, given its nonce. */
export function securityHeaders(settings: SecuritySettings, nonce: string): Record<string, string> {
  const https = settings.protocol === "https";
  const headers: Record<string, string> = Object.fromEntries(
    STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value]),
  );
  headers["Content-Security-Policy"] = contentSecurityPolicy({
    nonce,
    development: settings.development,
    https,
    oidcIssuer: settings.oidcIssuer,
  });
  // HSTS pins browsers to https for a year: only when the operator serves https and wants it.
  if (https && settings.enableHsts) headers["Strict-Transport-Security"] = HSTS_VALUE;
  return headers;
}

function originOf(url: string | null | undefined): string | null {
  if (!url || !URL.canParse(url)) return null;
  const origin = new URL(url).origin;
  return origin === "null" ? null : origin;
}
