// The agent-facing route handlers served over real HTTP on 127.0.0.1, so that the shell scripts of
// agent-scripts/ (curl, GNU wget, wget2) talk to the app's code as they would to `next start`.
// The server plays the reverse proxy of a TRUST_PROXY=true deployment: it appends the peer address
// to X-Forwarded-For, so allow-lists see the scripts' real source address.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request) => Promise<Response>;
type RouteModule = { GET?: Handler; POST?: Handler };

async function routeTable(): Promise<Record<string, RouteModule>> {
  return {
    "/api/v1/auto-enrollment/enroll": await import("@/app/api/v1/auto-enrollment/enroll/route"),
    "/api/v1/auto-enrollment/script": await import("@/app/api/v1/auto-enrollment/script/route"),
    "/api/v1/hosts/install": await import("@/app/api/v1/hosts/install/route"),
    "/api/v1/hosts/remove": await import("@/app/api/v1/hosts/remove/route"),
    "/api/v1/hosts/bootstrap/exchange": await import("@/app/api/v1/hosts/bootstrap/exchange/route"),
    "/api/v1/hosts/agent/download": await import("@/app/api/v1/hosts/agent/download/route"),
    "/api/v1/hosts/agent/version": await import("@/app/api/v1/hosts/agent/version/route"),
    "/api/v1/hosts/agent/timestamp": await import("@/app/api/v1/hosts/agent/timestamp/route"),
    "/api/v1/hosts/ping": await import("@/app/api/v1/hosts/ping/route"),
    "/api/v1/hosts/update": await import("@/app/api/v1/hosts/update/route"),
    "/api/v1/hosts/info": await import("@/app/api/v1/hosts/info/route"),
    "/api/v1/hosts/settings": await import("@/app/api/v1/hosts/settings/route"),
    "/api/v1/hosts/integrations": await import("@/app/api/v1/hosts/integrations/route"),
    "/api/v1/hosts/integration-status": await import("@/app/api/v1/hosts/integration-status/route"),
    "/api/v1/settings/update-interval": await import("@/app/api/v1/settings/update-interval/route"),
    "/api/v1/settings/auto-update": await import("@/app/api/v1/settings/auto-update/route"),
  };
}

export type Exchange = { method: string; path: string; status: number; headers: Record<string, string> };

export type AgentHttpServer = {
  url: string;
  port: number;
  /** Every request answered, in order (method, path without query, status, request headers). */
  exchanges: Exchange[];
  close: () => Promise<void>;
};

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function answer(
  routes: Record<string, RouteModule>,
  base: string,
  req: IncomingMessage,
  res: ServerResponse,
  exchanges: Exchange[],
): Promise<void> {
  const url = new URL(req.url ?? "/", base);
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const peer = req.socket.remoteAddress ?? "";
  const forwarded = headers.get("x-forwarded-for");
  headers.set("x-forwarded-for", forwarded ? `${forwarded}, ${peer}` : peer);
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
  const handler = routes[url.pathname]?.[method as "GET" | "POST"];
  let response: Response;
  if (handler) {
    response = await handler(new Request(url, { method, headers, body }));
  } else {
    response = Response.json({ error: "Not found" }, { status: routes[url.pathname] ? 405 : 404 });
  }
  exchanges.push({
    method,
    path: url.pathname,
    status: response.status,
    headers: Object.fromEntries(headers.entries()),
  });
  const out = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  res.end(out);
}

/** Starts the server on a free port of 127.0.0.1. */
export async function startAgentHttpServer(): Promise<AgentHttpServer> {
  const routes = await routeTable();
  const exchanges: Exchange[] = [];
  let base = "http://127.0.0.1";
  const server: Server = createServer((req, res) => {
    answer(routes, base, req, res, exchanges).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`adapter failure: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    port,
    exchanges,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
