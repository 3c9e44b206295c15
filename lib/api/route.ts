// Route handler wrapper: ApiError, ZodError and the domain errors of lib/errors.ts become JSON
// answers; anything else becomes a generic 500 whose request id is in the log line with the real
// error (never a stack trace in the answer).
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { isUnstorableText } from "@/db/errors";
import { NotFoundError, PermissionError, ServiceError, UNSTORABLE_TEXT } from "@/lib/errors";
import { getLogger } from "@/lib/logger";
import { ApiError, type Issue, invalidBody } from "./errors";
import { zodIssues } from "./validation";

export type RouteHandler = (request: Request) => Promise<Response>;

export function errorResponse(error: unknown, request: Request): Response {
  if (error instanceof ApiError) return error.toResponse();
  if (error instanceof ZodError) return invalidBody(zodIssues(error)).toResponse();
  // Domain errors the services throw on purpose (lib/errors.ts).
  if (error instanceof PermissionError) return new ApiError("forbidden", 403, error.message).toResponse();
  if (error instanceof NotFoundError) return new ApiError("not_found", 404, error.message).toResponse();
  if (isUnstorableText(error)) return new ApiError("invalid_text", 400, UNSTORABLE_TEXT).toResponse();
  if (error instanceof ServiceError) {
    const issues: Issue[] = Object.entries(error.fieldErrors ?? {}).flatMap(([path, messages]) =>
      messages.map((message) => ({ path, message })),
    );
    return new ApiError("rejected", error.status, error.message, {
      issues: issues.length > 0 ? issues : undefined,
    }).toResponse();
  }
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

/**
 * JSON answer that no cache keeps (agent answers carry credentials and per-host state). no-transform
 * also keeps the server from gzipping these short answers: a compressor per answer costs more CPU
 * than the few bytes it saves, and agents post reports by the hundred per second.
 */
export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return Response.json(body, {
    status: init.status ?? 200,
    headers: { "Cache-Control": "no-store, no-transform", ...init.headers },
  });
}
