import { describe, expect, it } from "vitest";
import type { ReportedPackage } from "@/db/queries/ingestion";
import { decodeDigest, encodeDigest, packageRowHash, planFromDigest } from "./package-digest";

const row = (overrides: Partial<ReportedPackage> = {}): ReportedPackage => ({
  name: "openssl",
  currentVersion: "3.0.15-1~deb12u1",
  availableVersion: null,
  needsUpdate: false,
  isSecurityUpdate: false,
  ...overrides,
});

describe("package row hash", () => {
  it("is a stable integer that every stored field changes", () => {
    const base = packageRowHash(row());
    expect(Number.isSafeInteger(base)).toBe(true);
    expect(packageRowHash(row())).toBe(base);
    const variants = [
      row({ name: "openssl-dev" }),
      row({ currentVersion: "3.0.15-1~deb12u2" }),
      row({ availableVersion: "3.0.16-1~deb12u1", needsUpdate: true }),
      row({ needsUpdate: true }),
      row({ isSecurityUpdate: null }),
      row({ isSecurityUpdate: true }),
    ];
    const hashes = new Set([base, ...variants.map(packageRowHash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it("keeps field boundaries and null apart from empty", () => {
    expect(packageRowHash(row({ name: "ab", currentVersion: "c" }))).not.toBe(
      packageRowHash(row({ name: "a", currentVersion: "bc" })),
    );
    expect(packageRowHash(row({ availableVersion: null }))).not.toBe(
      packageRowHash(row({ availableVersion: "" })),
    );
  });

  it("has no collision among 200,000 distinct rows", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) {
      seen.add(packageRowHash(row({ name: `lib${i}`, currentVersion: `1.${i % 97}` })));
      seen.add(packageRowHash(row({ name: `lib${i}`, currentVersion: `1.${i % 97}`, needsUpdate: true })));
    }
    expect(seen.size).toBe(200_000);
  });
});

describe("digest", () => {
  const hashes = [row({ name: "a" }), row({ name: "b" }), row({ name: "c" })].map(packageRowHash);

  it("round-trips for its package manager only", () => {
    const digest = encodeDigest("apt", hashes);
    expect([...(decodeDigest(digest, "apt") ?? [])]).toEqual(hashes);
    expect(decodeDigest(digest, "dnf")).toBeNull();
    expect(decodeDigest(null, "apt")).toBeNull();
    expect(decodeDigest("v1:apt:not base64 of doubles", "apt")).toBeNull();
    expect(decodeDigest("v0:apt:", "apt")).toBeNull();
  });

  it("plans the changed rows and counts the stored rows nothing matched", () => {
    const digest = encodeDigest("apt", hashes);
    const changedB = packageRowHash(row({ name: "b", currentVersion: "2" }));
    const added = packageRowHash(row({ name: "d" }));
    expect(planFromDigest(digest, "apt", [hashes[0] as number, changedB, added])).toEqual({
      changed: [1, 2],
      unmatchedStored: 2, // b's old state and c (vanished)
    });
    expect(planFromDigest(digest, "apt", hashes)).toEqual({ changed: [], unmatchedStored: 0 });
    expect(planFromDigest(digest, "apt", [added, added])).toBeNull(); // two rows, one hash
    expect(planFromDigest(digest, "zypper", hashes)).toBeNull();
  });
});
