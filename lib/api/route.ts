// Route handler wrapper: ApiError and ZodError become JSON answers; anything else becomes a generic
// 500 whose request id is in the log line with the real error (never a stack trace in the answer).
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { getLogger } from "@/lib/logger";
import { ApiError, invalidBody } from "./errors";
import { zodIssues } from "./validation";

export type RouteHandler = (request: Request) => Promise<Response>;

export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof ApiError) return error.toResponse();
  if (error instanceof ZodError) return invalidBody(zodIssues(error)).toResponse();
  const requestId = randomUUID();
  getLogger("api").error(
    { err: error, requestId, method: request.method, path: new URL(request.url).pathname },
    "unhandled error in route handler",
  );
  return Response.json(
    { error: "Internal server error", requestId },
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}

export function apiRoute(handler: RouteHandler): RouteHandler {
  return async (request) => {
    try {
      return await handler(request);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

/** JSON answer that no cache keeps (agent answers carry credentials and per-host state). */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { "Cache-Control": "no-store", ...init.headers },
  });
}
