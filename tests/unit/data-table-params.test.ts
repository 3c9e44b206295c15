import { describe, expect, it } from "vitest";
import { pageWindow } from "@/components/data-table/pagination";
import { withParams } from "@/components/data-table/url-params";
import { parseHostColumns } from "@/components/hosts/host-list-columns";

describe("withParams", () => {
  it("sets, replaces and removes params, keeping the others", () => {
    expect(withParams("/hosts", "q=web&page=3", { page: null, sort: "name" })).toBe("/hosts?q=web&sort=name");
    expect(withParams("/hosts", "q=web", { q: "" })).toBe("/hosts");
    expect(withParams("/hosts", "", { page: 2 })).toBe("/hosts?page=2");
    expect(withParams("/hosts", "q=a", { q: "a&b=c" })).toBe("/hosts?q=a%26b%3Dc");
  });
});

describe("pageWindow", () => {
  it("shows the first, last and two pages either side, with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 20)).toEqual([1, "gap", 8, 9, 10, 11, 12, "gap", 20]);
    expect(pageWindow(2, 20)).toEqual([1, 2, 3, 4, "gap", 20]);
  });
});

describe("parseHostColumns", () => {
  it("keeps known keys and falls back to the defaults", () => {
    expect(parseHostColumns("agent,bogus,ip")).toEqual(["agent", "ip"]);
    expect(parseHostColumns("bogus")).toContain("status");
    expect(parseHostColumns(undefined)).toContain("status");
  });
});
