// Errors a route handler throws on purpose. The agent protocol answers `{"error": "..."}` (plus
// `issues` for validation), so the body is exactly that; `code` is for logs and callers.
export type Issue = { path: string; message: string };

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues?: Issue[];
  readonly headers?: Record<string, string>;

  constructor(
    code: string,
    status: number,
    message: string,
    options: { issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = status;
    this.issues = options.issues;
    this.headers = options.headers;
  }

  toResponse(): Response {
    const body = this.issues ? { error: this.message, issues: this.issues } : { error: this.message };
    return Response.json(body, {
      status: this.status,
      headers: { "Cache-Control": "no-store, no-transform", ...this.headers },
    });
  }
}

export const INVALID_BODY = "Invalid request body";

/** 400 `{"error":"Invalid request body","issues":[...]}`. */
export function invalidBody(issues: Issue[]): ApiError {
  return new ApiError("invalid_body", 400, INVALID_BODY, { issues });
}
