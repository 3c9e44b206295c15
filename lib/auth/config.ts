// next-auth wiring. Sessions are JWTs that carry only a session row id (`sid`); every request
// checks that row (lib/auth/actor.ts), so revoking a row or idling out ends the session at once.
// Local sign-in runs in our own actions (password, lockout, second factor) and hands next-auth a
// one-time ticket; OIDC runs through next-auth's provider (lib/auth/oidc.ts).
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getLoginCandidateById, insertSessionOnce } from "@/db/queries/auth";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/logger";
import { oidcProviders, resolveOidcSignIn } from "./oidc";
import { readTicket } from "./tickets";

export const TICKET_PROVIDER = "ticket";

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sid?: string;
  }
}

function sessionExpiry(): Date {
  return new Date(Date.now() + getEnv().auth.jwtRefreshExpiresInMs);
}

/** Creates the session row for a verified ticket; null when the ticket is bad or already used. */
async function authorizeTicket(credentials: Partial<Record<string, unknown>>) {
  const ticket = await readTicket("login", credentials.ticket);
  if (!ticket) return null;
  const user = await getLoginCandidateById(ticket.userId);
  if (!user?.isActive) return null;
  const created = await insertSessionOnce({
    id: ticket.ticketId,
    userId: user.id,
    ip: ticket.ip,
    userAgent: ticket.userAgent,
    expiresAt: sessionExpiry(),
  });
  if (!created) return null;
  return { id: user.id, name: user.username, sessionId: ticket.ticketId };
}

/** `request` is set when next-auth's route handler runs (the OIDC callback among them). */
function buildConfig(request?: Request): NextAuthConfig {
  const env = getEnv();
  const absoluteSeconds = Math.max(60, Math.floor(env.auth.jwtRefreshExpiresInMs / 1000));
  return {
    secret: env.sessionSecret,
    // We answer on whatever host the operator configured; URLs we build come from settings.
    trustHost: true,
    useSecureCookies: env.server.protocol === "https",
    session: {
      strategy: "jwt",
      // The cookie lives as long as the session row may; the row enforces idle and revocation.
      maxAge: absoluteSeconds,
      updateAge: Math.min(absoluteSeconds, Math.max(60, Math.floor(env.auth.jwtExpiresInMs / 1000))),
    },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        id: TICKET_PROVIDER,
        name: "Ticket",
        credentials: { ticket: {} },
        authorize: authorizeTicket,
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider === TICKET_PROVIDER) return Boolean(user.sessionId);
        if (account?.type === "oidc" && profile) {
          const outcome = await resolveOidcSignIn(profile, account, request);
          if (!outcome.ok) return `/login?error=${encodeURIComponent(outcome.error)}`;
          user.id = outcome.userId;
          user.sessionId = outcome.sessionId;
          return true;
        }
        return false;
      },
      jwt({ token, user }) {
        if (user?.sessionId) {
          token.sid = user.sessionId;
          token.sub = user.id;
        }
        return token;
      },
      session({ session, token }) {
        // Only ids leave the server; names, roles and permissions are read per request.
        return {
          expires: session.expires,
          sid: typeof token.sid === "string" ? token.sid : undefined,
        } as never;
      },
    },
    logger: {
      error(error) {
        getLogger("auth").warn({ err: error }, "auth error");
      },
      warn(code) {
        getLogger("auth").warn({ code }, "auth warning");
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth((request) => buildConfig(request));
