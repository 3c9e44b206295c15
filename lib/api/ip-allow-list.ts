// IPv4/IPv6 address and CIDR allow-lists (enrolment tokens). IPv4-mapped IPv6 addresses and ranges
// (::ffff:10.0.0.1, ::ffff:10.0.0.0/104) are compared as the IPv4 they stand for, so a dual-stack
// listener's view of an IPv4 client matches an IPv4 rule.
import ipaddr from "ipaddr.js";

type Range = { address: ipaddr.IPv4 | ipaddr.IPv6; bits: number };

function parseStrictAddress(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const value = raw.trim();
  // ipaddr.isValid also takes "10" or "0xa.0.0.1"; an allow-list entry must say what it means.
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (ipaddr.IPv6.isValid(value)) return ipaddr.IPv6.parse(value);
  return null;
}

/** Parses an allow-list entry ("10.0.0.1", "10.0.0.0/8", "2001:db8::/32"), or null if invalid. */
export function parseIpRange(entry: string): Range | null {
  const [addressPart, bitsPart, extra] = entry.trim().split("/");
  if (addressPart === undefined || extra !== undefined) return null;
  let address = parseStrictAddress(addressPart);
  if (!address) return null;
  const max = address.kind() === "ipv4" ? 32 : 128;
  let bits = max;
  if (bitsPart !== undefined) {
    if (!/^\d{1,3}$/.test(bitsPart)) return null;
    bits = Number(bitsPart);
    if (bits > max) return null;
  }
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    address = (address as ipaddr.IPv6).toIPv4Address();
    bits -= 96;
  }
  return { address, bits };
}

export function isValidIpRange(entry: string): boolean {
  return parseIpRange(entry) !== null;
}

/** Whether `ip` lies in one of `ranges`. An empty list allows every address; an unknown ip none. */
export function ipAllowed(ip: string | null, ranges: readonly string[]): boolean {
  if (ranges.length === 0) return true;
  if (!ip || !ipaddr.isValid(ip)) return false;
  const address = ipaddr.process(ip);
  return ranges.some((entry) => {
    const range = parseIpRange(entry);
    if (!range || range.address.kind() !== address.kind()) return false;
    return address.match(range.address, range.bits);
  });
}
