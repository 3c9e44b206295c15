// The client's address for allow-lists. Next's server fills X-Forwarded-For with the socket address
// only when the request has none, so the header is the peer's address or whatever the client wrote:
// it is believed only when TRUST_PROXY says proxies of ours append to it, and then only the entries
// they appended (counted from the right); anything further left was written by the client.
import ipaddr from "ipaddr.js";
import { getEnv } from "@/lib/env";

/** The normalised client IP (IPv4-mapped IPv6 as IPv4), or null when it cannot be trusted. */
export function getClientIp(request: { headers: Pick<Headers, "get"> }): string | null {
  const trust = getEnv().server.trustProxy;
  if (trust === false || trust === 0) return null;
  const header = request.headers.get("x-forwarded-for");
  if (!header) return null;
  const hops = header
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  // true: one proxy of ours (nginx `proxy_add_x_forwarded_for`) appended the address it saw, the
  // right-most entry. A number N: N proxies appended, so the client is the N-th entry from the right.
  const appended = trust === true ? 1 : trust;
  const candidate = hops[Math.max(0, hops.length - appended)];
  return candidate ? normaliseIp(candidate) : null;
}

/** "::ffff:10.0.0.1" -> "10.0.0.1", "[::1]" -> "::1", zone ids dropped; null when not an IP. */
export function normaliseIp(raw: string): string | null {
  let value = raw.trim();
  if (value.startsWith("[")) value = value.slice(1, value.indexOf("]") > 0 ? value.indexOf("]") : undefined);
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  value = value.replace(/%.*$/, "");
  if (!ipaddr.isValid(value)) return null;
  return ipaddr.process(value).toString();
}
