// The local test identity provider as its own process, for Playwright's webServer list:
//   OIDC_TEST_PORT=3299 npx tsx tests/support/oidc-provider-server.ts
// Any login name "<kind>.<anything>" signs in; <kind> picks the groups (see KINDS). Prints "ready".
import { startOidcProvider, type TestAccountClaims } from "./oidc-provider";

const KINDS: Record<string, string[]> = {
  superadmin: ["PatchMon Superadmins"],
  admin: ["PatchMon Admins"],
  hostmanager: ["PatchMon Host Managers"],
  user: ["PatchMon Users"],
  readonly: ["PatchMon Readonly"],
  nogroup: [],
  // An unverified claim to an address PatchMon already has: linking must be refused.
  unverified: [],
};

function accountFor(login: string): TestAccountClaims | undefined {
  const kind = /^([a-z]+)\.[a-z0-9-]+$/i.exec(login)?.[1]?.toLowerCase() ?? "";
  const groups = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
  if (!groups) return undefined;
  const unverified = kind === "unverified";
  return {
    sub: login,
    email: unverified
      ? (process.env.OIDC_TEST_TAKEN_EMAIL ?? "admin@example.com")
      : `${login.toLowerCase()}@sso.example.com`,
    email_verified: !unverified,
    preferred_username: login.replace(".", "-").toLowerCase(),
    given_name: "Sso",
    family_name: kind,
    groups,
  };
}

const provider = await startOidcProvider({
  port: Number(process.env.OIDC_TEST_PORT ?? 3299),
  clientId: process.env.OIDC_TEST_CLIENT_ID ?? "patchmon-e2e",
  clientSecret: process.env.OIDC_TEST_CLIENT_SECRET ?? "patchmon-e2e-client-secret",
  redirectUris: (process.env.OIDC_TEST_REDIRECT_URIS ?? "http://localhost:3210/api/auth/callback/oidc").split(
    ",",
  ),
  accountFor,
});
process.stdout.write(`ready ${provider.issuer}\n`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void provider.stop().then(() => process.exit(0));
  });
}
