import { describe, expect, it } from "vitest";
import { enrolmentCommands, enrolmentScriptUrl } from "./enrolment-commands";

const values = {
  serverUrl: "https://patch.example.com",
  curlFlags: "-sk" as const,
  tokenKey: "patchmon_ae_0123",
  secret: "f".repeat(64),
};

describe("enrolment commands", () => {
  it("fetch the script and pass the token in the environment, never in the URL", () => {
    const { proxmox, direct } = enrolmentCommands(values);
    expect(proxmox).toBe(
      `curl -sk "https://patch.example.com/api/v1/auto-enrollment/script?type=proxmox-lxc" | ` +
        `PATCHMON_URL="https://patch.example.com" AUTO_ENROLLMENT_KEY="patchmon_ae_0123" ` +
        `AUTO_ENROLLMENT_SECRET="${"f".repeat(64)}" CURL_FLAGS="-sk" sh`,
    );
    expect(direct).toContain(`"${enrolmentScriptUrl(values.serverUrl, "direct-host")}" | PATCHMON_URL=`);
    expect(enrolmentScriptUrl(values.serverUrl, "direct-host")).not.toContain(values.secret);
  });

  it("the bare request carries both headers", () => {
    const { request } = enrolmentCommands({ ...values, curlFlags: "-s" });
    expect(request).toContain("curl -s -X POST https://patch.example.com/api/v1/auto-enrollment/enroll");
    expect(request).toContain('-H "X-Auto-Enrollment-Key: patchmon_ae_0123"');
    expect(request).toContain(`-H "X-Auto-Enrollment-Secret: ${"f".repeat(64)}"`);
  });
});
