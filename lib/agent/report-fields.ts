// Field rules shared by the report's schemas (lib/agent/report-schema.ts, report-packages.ts): keys
// (names, versions, URLs) are trimmed, refused with NUL or beyond 512 characters; free text is
// stripped of NUL and truncated; numbers and booleans may arrive as strings.
import { z } from "zod";

export const MAX_KEY = 512;
export const NUL_MESSAGE = "must not contain NUL (\\u0000) characters";

export const clean = (value: string) => value.toWellFormed().trim();
export const blankToNull = (value: unknown) =>
  value === null || (typeof value === "string" && !value.trim()) ? null : value;

/** A key (package name, version, repository url): NUL rejected, too long rejected, trimmed. */
export const key = (max = MAX_KEY) =>
  z
    .string()
    .refine((value) => !value.includes("\u0000"), NUL_MESSAGE)
    .transform(clean)
    .pipe(z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`));

/** Free text: NUL stripped, truncated; "" becomes null. */
export const text = (max: number) =>
  z.string().transform((value) => clean(value.replaceAll("\u0000", "")).slice(0, max) || null);

/** An optional fact: absent stays undefined, null/"" become null. */
export const fact = (max = MAX_KEY) => text(max).nullish();

export const numberLike = (value: unknown) => {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed) return null;
  const parsed = Number(trimmed);
  return Number.isNaN(parsed) ? value : parsed;
};

/** A non-negative number (sizes, counts); negative or non-finite becomes null. */
export const size = (integer = false) =>
  z.preprocess(
    numberLike,
    z
      .number()
      .nullish()
      .transform((value) => {
        if (value === undefined) return undefined;
        if (value === null || !Number.isFinite(value) || value < 0) return null;
        return integer ? Math.round(value) : value;
      }),
  );

const TRUE = new Set(["true", "1", "yes", "y", "on"]);
const FALSE = new Set(["false", "0", "no", "n", "off", ""]);
export const booleanLike = (value: unknown) => {
  if (typeof value === "number") return value !== 0;
  if (typeof value !== "string") return value;
  const lowered = value.trim().toLowerCase();
  if (TRUE.has(lowered)) return true;
  if (FALSE.has(lowered)) return false;
  return value;
};
export const bool = () => z.preprocess(booleanLike, z.boolean());
