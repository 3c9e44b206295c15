import { describe, expect, it } from "vitest";
import { PreparePolicy } from "./prepared";

describe("PreparePolicy", () => {
  it("prepares a text from its hot-after-th use on, and keeps it prepared", () => {
    const policy = new PreparePolicy(3, 10);
    expect([1, 2, 3, 4, 5].map(() => policy.shouldPrepare("select $1"))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
    expect(policy.shouldPrepare("select $2")).toBe(false);
    expect(policy.preparedCount).toBe(1);
  });

  it("never prepares more than its cap of distinct texts; those prepared stay prepared", () => {
    const policy = new PreparePolicy(1, 2);
    expect(policy.shouldPrepare("a")).toBe(true);
    expect(policy.shouldPrepare("b")).toBe(true);
    expect(policy.shouldPrepare("c")).toBe(false);
    expect(policy.shouldPrepare("c")).toBe(false);
    expect(policy.shouldPrepare("a")).toBe(true);
    expect(policy.preparedCount).toBe(2);
  });

  it("never prepares statements that carry lists as arrays (planned for each list's size)", () => {
    const policy = new PreparePolicy(1, 256);
    const text = "insert into t select * from unnest($1::text[]) as u(name)";
    expect([1, 2, 3, 4, 5, 6, 7].map(() => policy.shouldPrepare(text))).toEqual(Array(7).fill(false));
    expect(policy.shouldPrepare("select $1")).toBe(true);
  });

  it("does not prepare texts that vary with every use (IN lists, multi-row inserts)", () => {
    const policy = new PreparePolicy(3, 256);
    for (let size = 1; size <= 1000; size++) {
      const text = `select * from t where id in (${Array.from({ length: size }, (_, i) => `$${i + 1}`).join(",")})`;
      expect(policy.shouldPrepare(text)).toBe(false);
    }
    expect(policy.preparedCount).toBe(0);
  });
});
