// Field rules shared by setup, the Users page, the profile page and the CLI.
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { checkPassword } from "./password-policy";

export const usernameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(3, "must be at least 3 characters")
  .max(64, "must be at most 64 characters")
  .regex(/^[a-zA-Z0-9._-]+$/, "may contain only letters, digits, dot, underscore and hyphen")
  .transform((value) => value.toLowerCase());

export const emailSchema = z
  .string({ error: "is required" })
  .trim()
  .max(254, "must be at most 254 characters")
  .pipe(z.email("must be a valid email address"));

export const personNameSchema = z
  .string()
  .trim()
  .max(100, "must be at most 100 characters")
  .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters")
  .optional()
  .transform((value) => (value ? value : null));

/** A new password under the policy of PASSWORD_MIN_LENGTH and PASSWORD_REQUIRE_*. */
export const newPasswordSchema = z.string({ error: "is required" }).superRefine((value, ctx) => {
  for (const problem of checkPassword(value, getEnv().password))
    ctx.addIssue({ code: "custom", message: `Password ${problem}` });
});

const noNul = (value: string) => !value.includes("\0");

export const loginSchema = z.object({
  login: z
    .string()
    .trim()
    .min(1, "Enter your username or email")
    .max(254)
    .refine(noNul, "Remove the NUL character"),
  password: z.string().min(1, "Enter your password").max(1024),
  callbackUrl: z.string().max(2048).optional(),
});

/**
 * Only same-site paths may be a post-login destination. Browsers drop tabs and newlines and read
 * "\\" as "/" when they parse a Location header, so "/\t/evil.example" would leave the site:
 * anything with control characters, whitespace or backslashes is refused, and the rest must
 * resolve to this origin.
 */
export function safeCallbackUrl(value: string | undefined | null): string {
  if (!value?.startsWith("/") || /[\s\\\p{Cc}]/u.test(value) || value.length > 2048) return "/";
  const base = "http://patchmon.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.startsWith("/login") || path.startsWith("/setup") || path.startsWith("/api/auth")) return "/";
  return path;
}
