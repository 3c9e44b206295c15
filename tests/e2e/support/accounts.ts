// Accounts the e2e suite creates. The first administrator is made by auth.setup.ts through the
// real first-run page; its signed-in browser state is saved for the other specs.
import path from "node:path";

export const ADMIN = {
  username: "admin",
  email: "admin@example.com",
  password: "Admin-Passw0rd!",
};

export const ADMIN_STATE = path.join(process.cwd(), "test-results", ".auth", "admin.json");

export const USER_PASSWORD = "User-Passw0rd!";

let counter = 0;

/** A username unique to this run. */
export function uniqueUsername(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
