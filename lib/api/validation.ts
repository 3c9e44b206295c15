import type { ZodError, ZodType, z } from "zod";
import { type Issue, invalidBody } from "./errors";

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join(".") : "body",
    message: issue.message,
  }));
}

/** Parses `value` with `schema`, or throws 400 `Invalid request body` with the issues. */
export function parseWith<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidBody(zodIssues(result.error));
  return result.data;
}
