// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for single sign-on tests: discovery,
// authorization code + PKCE, ID tokens, userinfo. Its sign-in page takes any known account name
// and, optionally, the authentication methods (amr) the "provider" claims to have used.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export type TestAccountClaims = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  given_name?: string;
  family_name?: string;
  groups?: string[];
};

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (tests change groups between sign-ins). */
  setAccount(claims: TestAccountClaims): void;
  stop(): Promise<void>;
};

export type TestOidcProviderOptions = {
  redirectUris: string[];
  port?: number;
  clientId?: string;
  clientSecret?: string;
  accounts?: TestAccountClaims[];
  /** Accounts made up on first use from the login name (for a long-running provider). */
  accountFor?: (login: string) => TestAccountClaims | undefined;
};

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", reject);
  });
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res: ServerResponse, uid: string, error?: string): void {
  res.writeHead(error ? 400 : 200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><title>Test IdP sign-in</title>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<label>Login <input name="login" autofocus></label>
<label>Methods (amr, comma separated) <input name="amr" value="pwd"></label>
<button type="submit">Sign in</button></form>`);
}

export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccountClaims>();
  for (const account of options.accounts ?? []) accounts.set(account.sub, account);
  const clientId = options.clientId ?? "patchmon-test";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("hex");
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: "RS256", use: "sig", kid: "test" };

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["preferred_username", "given_name", "family_name"],
      groups: ["groups"],
      amr: null,
      acr: null,
    },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    // Explicit lifetimes (seconds) keep the provider from logging a notice for each default.
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Grant: 3600,
      Session: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...accounts.get(sub) }) };
    },
  });
  const handleProtocol = provider.callback();

  async function handleLogin(req: IncomingMessage, res: ServerResponse, uid: string): Promise<void> {
    const form = await readBody(req);
    const login = form.get("login")?.trim() ?? "";
    const made = accounts.has(login) ? undefined : options.accountFor?.(login);
    if (made) accounts.set(login, { ...made, sub: login });
    if (!accounts.has(login)) return loginPage(res, uid, `No account named ${login}`);
    const details = await provider.interactionDetails(req, res);
    // Consent is implied: the grant covers every scope the client asked for.
    const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope ?? "openid"));
    const grantId = await grant.save();
    const amr = (form.get("amr") ?? "")
      .split(",")
      .map((m) => m.trim())
      .filter(Boolean);
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: login, amr: amr.length ? amr : undefined }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? "/", issuer).pathname);
    if (!match?.[1]) return handleProtocol(req, res);
    const uid = match[1];
    const work =
      match[2] && req.method === "POST" ? handleLogin(req, res, uid) : Promise.resolve(loginPage(res, uid));
    work.catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (claims) => void accounts.set(claims.sub, claims),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
