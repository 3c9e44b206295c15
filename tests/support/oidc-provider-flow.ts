// Drives a whole authorization-code sign-in the way a browser would: next-auth's route handler
// (called with real Requests) on the app side, real HTTP against the test provider on the other.

import { NextRequest } from "next/server";

// What Next passes to a route handler, as next-auth's handlers expect.
type Handler = (request: NextRequest) => Promise<Response>;

/** Cookies of one site, as a browser would keep them (paths ignored: names here are unique). */
export class CookieJar {
  private readonly values = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [key = "", val = ""] = a.trim().split("=");
        if (key.toLowerCase() === "max-age") return Number(val) <= 0;
        if (key.toLowerCase() === "expires") return new Date(val).getTime() <= Date.now();
        return false;
      });
      if (expired || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

export type SsoFlowResult = {
  /** Where next-auth sent the browser after its callback. */
  location: string;
  /** The callback URL the provider sent the browser to (the redirect_uri in use). */
  returnedTo: string;
  appCookies: CookieJar;
};

export type SsoFlowOptions = {
  appOrigin: string;
  /** The app's public origin when OIDC_REDIRECT_URI points there (a proxy in front of appOrigin). */
  publicOrigin?: string;
  handlers: { GET: Handler; POST: Handler };
  login: string;
  amr?: string[];
  callbackUrl?: string;
  userAgent?: string;
};

function locationOf(response: Response, base: string): string {
  const location = response.headers.get("location");
  if (!location || response.status < 300 || response.status >= 400) {
    throw new Error(`expected a redirect from ${base}, got ${response.status}`);
  }
  return new URL(location, base).toString();
}

export async function driveSsoSignIn(options: SsoFlowOptions): Promise<SsoFlowResult> {
  const app = new CookieJar();
  const idp = new CookieJar();
  const userAgent = options.userAgent ?? "sso-flow-test";
  const appRequest = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", app.header());
    headers.set("user-agent", userAgent);
    const handler = init.method === "POST" ? options.handlers.POST : options.handlers.GET;
    const { method, body } = init;
    const response = await handler(
      new NextRequest(new URL(path, options.appOrigin), { method, body, headers }),
    );
    app.store(response);
    return response;
  };
  const idpRequest = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("cookie", idp.header());
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    idp.store(response);
    return response;
  };

  const csrf = (await (await appRequest("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await appRequest("/api/auth/signin/oidc", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: options.callbackUrl ?? "/" }),
  });
  let url = locationOf(start, options.appOrigin);
  // Provider: authorization endpoint -> its sign-in page -> submit -> resume -> back to the app.
  const toInteraction = locationOf(await idpRequest(url), url);
  await idpRequest(toInteraction);
  const submitted = await idpRequest(`${toInteraction}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login: options.login, amr: (options.amr ?? ["pwd"]).join(",") }),
  });
  url = locationOf(submitted, toInteraction);
  const isApp = (u: string) => [options.appOrigin, options.publicOrigin].some((o) => o && u.startsWith(o));
  for (let hops = 0; !isApp(url); hops++) {
    if (hops > 5) throw new Error(`the provider did not send the browser back to the app (at ${url})`);
    url = locationOf(await idpRequest(url), url);
  }
  const back = new URL(url);
  const done = await appRequest(`${back.pathname}${back.search}`);
  return { location: locationOf(done, options.appOrigin), returnedTo: url, appCookies: app };
}
