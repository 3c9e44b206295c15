import { describe, expect, it } from "vitest";
import { addedKeys, keySetDigest } from "./security";

describe("security update set comparison", () => {
  it("reports only keys that were not pending before, whatever the counts", () => {
    expect(addedKeys([], ["p1:2", "p2:1"])).toEqual(["p1:2", "p2:1"]);
    expect(addedKeys(["p1:2", "p2:1"], ["p2:1", "p1:2"])).toEqual([]);
    // Same count, different set: one update applied, another appeared.
    expect(addedKeys(["p1:2", "p2:1"], ["p1:2", "p3:1"])).toEqual(["p3:1"]);
    // A newer version of a pending package is a new update.
    expect(addedKeys(["p1:2"], ["p1:3"])).toEqual(["p1:3"]);
    expect(addedKeys(["p1:2", "p2:1"], ["p1:2"])).toEqual([]);
  });

  it("digests a set independently of order", () => {
    expect(keySetDigest(["b", "a"])).toBe(keySetDigest(["a", "b"]));
    expect(keySetDigest(["a"])).not.toBe(keySetDigest(["b"]));
  });
});
