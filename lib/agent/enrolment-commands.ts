// The commands an operator copies after creating an auto-enrolment token: shared by the CLI
// (enrolment:create) and the Settings page so both print the same thing.
import { SCRIPT_NAMES } from "./install-script";

export const ENROLMENT_SCRIPTS = {
  "proxmox-lxc": SCRIPT_NAMES.proxmoxEnrol,
  "direct-host": SCRIPT_NAMES.directEnrol,
} as const;
export type EnrolmentScriptType = keyof typeof ENROLMENT_SCRIPTS;

export type EnrolmentCommandValues = {
  serverUrl: string;
  curlFlags: "-s" | "-sk";
  tokenKey: string;
  /** The secret, or a placeholder such as "<secret>" when it is not to be printed. */
  secret: string;
};

export type EnrolmentCommands = {
  /** Run on a Proxmox VE node: enrols every running LXC container and installs the agent in it. */
  proxmox: string;
  /** Run on any host: enrols that host and installs the agent. */
  direct: string;
  /** The bare enrolment request, for scripts of one's own. */
  request: string;
};

export function enrolmentScriptUrl(serverUrl: string, type: EnrolmentScriptType): string {
  return `${serverUrl}/api/v1/auto-enrollment/script?type=${type}`;
}

// The script reads its settings from the environment, so the secret never becomes part of a URL
// (proxy logs) and the same script serves every token.
function scriptCommand(values: EnrolmentCommandValues, type: EnrolmentScriptType): string {
  const env = [
    `PATCHMON_URL="${values.serverUrl}"`,
    `AUTO_ENROLLMENT_KEY="${values.tokenKey}"`,
    `AUTO_ENROLLMENT_SECRET="${values.secret}"`,
    `CURL_FLAGS="${values.curlFlags}"`,
  ].join(" ");
  return `curl ${values.curlFlags} "${enrolmentScriptUrl(values.serverUrl, type)}" | ${env} sh`;
}

export function enrolmentCommands(values: EnrolmentCommandValues): EnrolmentCommands {
  return {
    proxmox: scriptCommand(values, "proxmox-lxc"),
    direct: scriptCommand(values, "direct-host"),
    request:
      `curl ${values.curlFlags} -X POST ${values.serverUrl}/api/v1/auto-enrollment/enroll -H "Content-Type: application/json" ` +
      `-H "X-Auto-Enrollment-Key: ${values.tokenKey}" -H "X-Auto-Enrollment-Secret: ${values.secret}" ` +
      `-d '{"friendly_name":"'"$(hostname)"'","machine_id":"'"$(cat /etc/machine-id)"'"}'`,
  };
}
