// Host management from the command line, for the operator of the server (no user, no scope). The
// same creation, install-command and name rules serve /api/v1/hosts (lib/hosts/service.ts).
import {
  deleteHostByApiId,
  ensureHostGroups,
  getHostByApiId,
  listHosts,
  type PublicHost,
} from "@/db/queries/hosts";
import { OPERATOR_COMMANDS, queueCommand } from "@/lib/agent/commands";
import { createHostWithCredentials, rotateHostKey } from "@/lib/agent/enrolment";
import { issueInstallCommand } from "@/lib/agent/install-command";
import { friendlyNameSchema } from "@/lib/hosts/schemas";
import { CliError } from "./prompt";
import { printTable } from "./table";

async function requireHost(apiId: string | undefined): Promise<PublicHost> {
  if (!apiId) throw new CliError("give the API id of the host (see host:list)");
  const host = await getHostByApiId(apiId.trim());
  if (!host) throw new CliError(`no host with API id "${apiId}"`);
  return host;
}

async function printInstallCommand(hostId: string): Promise<void> {
  const { command } = await issueInstallCommand(hostId);
  console.log("");
  console.log("Install the agent: run as root on the host within 5 minutes (the token works once):");
  console.log(`  ${command}`);
  console.log("Installing replaces the key above with a new one only the agent knows.");
}

export async function hostCreate(options: { name?: string; groups?: string[] }): Promise<void> {
  const parsed = friendlyNameSchema.safeParse(options.name);
  if (!parsed.success) throw new CliError(`--name ${parsed.error.issues[0]?.message ?? "is invalid"}`);
  const groupIds = await ensureHostGroups(options.groups ?? []);
  const { host, apiKey } = await createHostWithCredentials({ friendlyName: parsed.data, groupIds });
  console.log(`Created host "${host.friendlyName}" (${host.id}).`);
  console.log(`API ID:  ${host.apiId}`);
  console.log(`API key: ${apiKey}`);
  console.log("The key is shown once; it is stored only as a hash.");
  await printInstallCommand(host.id);
}

export async function hostInstall(apiId: string | undefined): Promise<void> {
  const host = await requireHost(apiId);
  await printInstallCommand(host.id);
}

function when(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : "-";
}

export async function hostList(json: boolean): Promise<void> {
  const hosts = await listHosts();
  if (json) {
    console.log(JSON.stringify(hosts, null, 2));
    return;
  }
  if (hosts.length === 0) {
    console.log("No hosts. Create one with: host:create --name NAME");
    return;
  }
  const rows = hosts.map((h) => [
    h.apiId,
    h.friendlyName,
    h.status,
    when(h.lastContactAt),
    `${h.updatesCount}/${h.securityUpdatesCount}`,
    h.groups.join(",") || "-",
  ]);
  const header = ["API ID", "NAME", "STATUS", "LAST CONTACT", "UPDATES/SEC", "GROUPS"];
  printTable(header, rows);
}

export async function hostRegenerate(apiId: string | undefined): Promise<void> {
  const host = await requireHost(apiId);
  const issued = await rotateHostKey(host.id);
  if (!issued) throw new CliError(`no host with API id "${apiId}"`);
  console.log(`New credentials for "${host.friendlyName}"; the old key no longer works.`);
  console.log(`API ID:  ${issued.apiId}`);
  console.log(`API key: ${issued.apiKey}`);
  console.log(`On the host: patchmon-agent.sh configure ${issued.apiId} <key>, or reinstall:`);
  await printInstallCommand(host.id);
}

export async function hostDelete(apiId: string | undefined): Promise<void> {
  const host = await requireHost(apiId);
  await deleteHostByApiId(host.apiId);
  console.log(`Deleted host "${host.friendlyName}" (${host.apiId}) and its packages, reports and commands.`);
}

export async function hostCommand(apiId: string | undefined, type: string | undefined): Promise<void> {
  const command = OPERATOR_COMMANDS.find((known) => known === type);
  if (!command) throw new CliError(`give a command: ${OPERATOR_COMMANDS.join(" or ")}`);
  const host = await requireHost(apiId);
  const queued = await queueCommand(host.id, command);
  console.log(
    queued
      ? `Queued ${command} for "${host.friendlyName}"; the agent receives it on its next check-in.`
      : `${command} was already queued for "${host.friendlyName}".`,
  );
}
