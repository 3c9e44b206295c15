import { describe, expect, it } from "vitest";
import { AGENT_LIMITED_PATHS, rateLimitCategoryOf } from "./request-limits";

function category(method: string, pathname: string, headers: Record<string, string> = {}) {
  return rateLimitCategoryOf({ method, pathname, headers: new Headers(headers) });
}

describe("rateLimitCategoryOf", () => {
  it("counts POSTs to next-auth's endpoints as auth, not its GETs", () => {
    expect(category("POST", "/api/auth/callback/ticket")).toBe("auth");
    expect(category("POST", "/api/auth/signin/oidc")).toBe("auth");
    expect(category("GET", "/api/auth/session")).toBeNull();
    expect(category("GET", "/api/auth/callback/oidc")).toBeNull();
  });

  it("counts form posts to the sign-in pages, leaving server actions to count themselves", () => {
    expect(category("POST", "/login")).toBe("auth");
    expect(category("POST", "/login/verify")).toBe("auth");
    expect(category("POST", "/setup/")).toBe("auth");
    expect(category("POST", "/login", { "next-action": "7f00aa" })).toBeNull();
    expect(category("GET", "/login")).toBeNull();
    expect(category("POST", "/loginx")).toBeNull();
  });

  it("applies the general limit to the REST API but not to agent endpoints or preflights", () => {
    expect(category("GET", "/api/v1/hosts")).toBe("general");
    expect(category("DELETE", "/api/v1/users/123")).toBe("general");
    expect(category("GET", "/api/v1/hosts/remove")).toBe("general");
    expect(category("POST", "/api/v1/hosts/bootstrap/exchange")).toBe("general");
    expect(category("OPTIONS", "/api/v1/hosts")).toBeNull();
    for (const path of AGENT_LIMITED_PATHS) expect(category("POST", path)).toBeNull();
    expect(category("GET", "/api/v1/hosts/ping/")).toBeNull();
    expect(category("GET", "/dashboard")).toBeNull();
    expect(category("GET", "/health")).toBeNull();
  });
});
