// Runs before every request (Node.js runtime). Not an authorization check: pages, actions and
// routes check permissions themselves. For now it only logs requests when asked to.
import { type NextRequest, NextResponse } from "next/server";
import { getLogger, shouldLogRequests } from "@/lib/logger";

export function proxy(request: NextRequest): NextResponse {
  if (shouldLogRequests()) {
    // Path only: query strings can carry tokens.
    getLogger("http").info({ method: request.method, path: request.nextUrl.pathname }, "request");
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
