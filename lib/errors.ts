// Errors domain code throws on purpose; actions and route handlers turn them into answers.
export type FieldErrors = Record<string, string[]>;

/** The answer when input holds characters the database cannot store (a NUL byte, say). */
export const UNSTORABLE_TEXT = "The input contains characters that cannot be stored (such as a NUL byte).";

/** The caller may not do this (403). */
export class PermissionError extends Error {
  constructor(message = "You do not have permission to do this.") {
    super(message);
    this.name = "PermissionError";
  }
}

/** No such thing, or the caller may not know it exists (404). */
export class NotFoundError extends Error {
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** The request cannot be done as asked; `fieldErrors` name the fields (400/409). */
export class ServiceError extends Error {
  readonly status: number;
  readonly fieldErrors?: FieldErrors;

  constructor(message: string, options: { status?: number; fieldErrors?: FieldErrors } = {}) {
    super(message);
    this.name = "ServiceError";
    this.status = options.status ?? 400;
    this.fieldErrors = options.fieldErrors;
  }
}
