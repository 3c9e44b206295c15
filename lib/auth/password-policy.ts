import type { Env } from "@/lib/env";

export type PasswordPolicy = Env["password"];

/** The rules a new password must meet, worded for a form or the CLI. */
export function describePasswordPolicy(policy: PasswordPolicy): string[] {
  const rules = [`at least ${policy.minLength} characters`];
  if (policy.requireUppercase) rules.push("an uppercase letter");
  if (policy.requireLowercase) rules.push("a lowercase letter");
  if (policy.requireNumber) rules.push("a number");
  if (policy.requireSpecial) rules.push("a special character");
  return rules;
}

/** Which rules the password breaks (empty when it is acceptable). */
export function checkPassword(password: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength)
    problems.push(`must be at least ${policy.minLength} characters`);
  if (password.length > 1024) problems.push("must be at most 1024 characters");
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) problems.push("must contain an uppercase letter");
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) problems.push("must contain a lowercase letter");
  if (policy.requireNumber && !/\p{Nd}/u.test(password)) problems.push("must contain a number");
  if (policy.requireSpecial && !/[^\p{L}\p{Nd}]/u.test(password))
    problems.push("must contain a special character");
  return problems;
}
