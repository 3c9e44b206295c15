// Calls an App Router route handler the way Next does for a signed-in browser: inside Next's
// request scope (so next/headers and next-auth's auth() work), with a real session cookie that
// next-auth issued for a real session row. Nothing in the handler is replaced.

import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external.js";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external.js";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store.js";
import { encode } from "next-auth/jwt";
import { getEnv } from "@/lib/env";

// next-auth's cookie name over http (SERVER_PROTOCOL is http in tests).
const SESSION_COOKIE = "authjs.session-token";

/** A session cookie for a sessions row id, signed the way next-auth signs it. */
export async function sessionCookie(sessionId: string, userId: string): Promise<string> {
  const token = await encode({
    token: { sid: sessionId, sub: userId },
    secret: getEnv().sessionSecret,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Runs `handler(request, context)` inside a Next request scope built from `request`. The test file
 * must import "next/dist/server/node-environment-baseline.js" before anything else: Next's storage
 * needs AsyncLocalStorage on globalThis when its first module loads.
 */
export function callRoute<C>(handler: Handler<C>, request: Request, context?: C): Promise<Response> {
  const url = new URL(request.url);
  const requestStore = createRequestStoreForAPI(
    request as never,
    { pathname: url.pathname, search: url.search },
    undefined as never,
    undefined,
    undefined as never,
    undefined,
  );
  const workStore = {
    route: url.pathname,
    forceStatic: false,
    dynamicShouldError: false,
    isStaticGeneration: false,
  };
  return workAsyncStorage.run(workStore as never, () =>
    workUnitAsyncStorage.run(requestStore, () => handler(request, context as C)),
  );
}
