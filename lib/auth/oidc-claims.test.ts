import { UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  baseUsername,
  hasGroupMapping,
  idpPerformedMfa,
  readOidcClaims,
  roleForGroups,
  roleNameAlias,
} from "./oidc-claims";
import { describeSsoError, SSO_ERROR_CODES } from "./oidc-errors";

const mapping = { superadminGroup: "root", adminGroup: "PatchMon Admins", userGroup: "users" };

describe("readOidcClaims", () => {
  const idToken = new UnsecuredJWT({
    iss: "https://idp.test",
    sub: "abc",
    amr: ["pwd", "otp"],
    acr: "1",
  }).encode();

  it("takes identity, amr and acr from the ID token and the rest from the profile", () => {
    const claims = readOidcClaims(
      {
        sub: "abc",
        email: " a@b.test ",
        email_verified: true,
        groups: ["g1"],
        roles: "r1, r2",
        given_name: "A",
      },
      idToken,
      "https://configured.test",
    );
    expect(claims).toMatchObject({
      issuer: "https://idp.test",
      subject: "abc",
      email: "a@b.test",
      emailVerified: true,
      groups: ["g1", "r1", "r2"],
      amr: ["pwd", "otp"],
      acr: "1",
      givenName: "A",
      familyName: null,
    });
  });

  it("counts email_verified only when it is the boolean true", () => {
    for (const value of ["true", 1, undefined, false]) {
      expect(
        readOidcClaims({ sub: "s", email: "a@b.test", email_verified: value }, idToken, undefined)
          ?.emailVerified,
      ).toBe(false);
    }
  });

  it("is null without a subject; falls back to the configured issuer without an ID token", () => {
    expect(readOidcClaims({ email: "a@b.test" }, undefined, "https://configured.test")).toBeNull();
    expect(readOidcClaims({ sub: "s" }, "not-a-jwt", "https://configured.test")?.issuer).toBe(
      "https://configured.test",
    );
    expect(readOidcClaims({ sub: "s", email: "no-at-sign" }, undefined, "https://c.test")?.email).toBeNull();
  });
});

describe("roleForGroups", () => {
  it("picks the most privileged configured group, case-insensitively", () => {
    expect(roleForGroups(["users", "ROOT"], mapping)).toBe("superadmin");
    expect(roleForGroups(["patchmon admins", "users"], mapping)).toBe("admin");
    expect(roleForGroups(["users"], mapping)).toBe("user");
    expect(roleForGroups(["other"], mapping)).toBeNull();
    expect(roleForGroups([""], { adminGroup: "" })).toBeNull();
  });

  it("knows whether any group is mapped", () => {
    expect(hasGroupMapping(mapping)).toBe(true);
    expect(hasGroupMapping({ adminGroup: " ", userGroup: undefined })).toBe(false);
  });
});

describe("idpPerformedMfa", () => {
  it("accepts multi-factor amr values or an MFA acr, not a password alone", () => {
    expect(idpPerformedMfa({ amr: ["pwd"], acr: null })).toBe(false);
    expect(idpPerformedMfa({ amr: ["pwd", "otp"], acr: null })).toBe(true);
    expect(idpPerformedMfa({ amr: ["MFA"], acr: null })).toBe(true);
    expect(
      idpPerformedMfa({ amr: [], acr: "http://schemas.openid.net/pape/policies/2007/06/multi-factor" }),
    ).toBe(true);
    expect(idpPerformedMfa({ amr: [], acr: "0" })).toBe(false);
  });
});

describe("usernames and role names", () => {
  it("derives an allowed username", () => {
    expect(baseUsername({ preferredUsername: "Jane Doe", email: null, subject: "s" })).toBe("jane-doe");
    expect(baseUsername({ preferredUsername: null, email: "j.o+x@b.test", subject: "s" })).toBe("j.o-x");
    expect(baseUsername({ preferredUsername: "é", email: null, subject: "s" })).toBe("sso-user");
    expect(baseUsername({ preferredUsername: "ab", email: null, subject: "s" })).toBe("sso-ab");
  });

  it("maps the seed's viewer role to readonly and keeps other names", () => {
    expect(roleNameAlias("Viewer")).toBe("readonly");
    expect(roleNameAlias(" Auditors ")).toBe("Auditors");
  });
});

describe("describeSsoError", () => {
  it("has a message for each of our codes and a generic one otherwise", () => {
    const messages = new Set(SSO_ERROR_CODES.map((code) => describeSsoError(code)));
    expect(messages.size).toBe(SSO_ERROR_CODES.length);
    expect(messages.has("Sign-in failed. Try again.")).toBe(false);
    expect(describeSsoError("OAuthCallbackError")).toContain("identity provider");
    expect(describeSsoError("whatever")).toBe("Sign-in failed. Try again.");
    expect(describeSsoError(null)).toBeNull();
  });
});
