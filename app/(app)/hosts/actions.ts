"use server";

// The Hosts page's actions: thin wrappers; scope and permission checks live in lib/hosts.
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { z } from "zod";
import { HOST_COLUMNS_COOKIE, parseHostColumns } from "@/components/hosts/host-list-columns";
import { authorizedAction } from "@/lib/auth/action";
import { getRequestContext } from "@/lib/auth/request-context";
import {
  assignGroupsSchema,
  assignHostGroupsFor,
  bulkDeleteSchema,
  deleteHostsFor,
  hostIdsInputSchema,
  requestReportsFor,
} from "@/lib/hosts/bulk";
import { createHostFor } from "@/lib/hosts/service";

function refresh() {
  revalidatePath("/hosts");
}

/** The agent installer re-installs over an existing agent when asked with ?force=true. */
function forceVariant(command: string): string {
  return command.replace("/api/v1/hosts/install", "/api/v1/hosts/install?force=true");
}

const createInput = z.object({
  friendlyName: z.string().default(""),
  groupIds: z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.string()),
  ),
});

export const createHostAction = authorizedAction("can_manage_hosts", createInput, async (input, actor) => {
  const groupIds = input.groupIds.filter((id) => id !== "");
  const created = await createHostFor(
    actor,
    { friendlyName: input.friendlyName, groupIds },
    await getRequestContext(),
  );
  refresh();
  return {
    hostId: created.host.id,
    friendlyName: created.host.friendlyName,
    apiId: created.apiId,
    apiKey: created.apiKey,
    installCommand: created.installCommand,
    forceInstallCommand: forceVariant(created.installCommand),
    expiresAt: created.installCommandExpiresAt.toISOString(),
  };
});

export const assignHostGroupsAction = authorizedAction(
  "can_manage_hosts",
  assignGroupsSchema,
  async (input, actor) => {
    const result = await assignHostGroupsFor(actor, input, await getRequestContext());
    refresh();
    return result;
  },
);

export const requestReportsAction = authorizedAction(
  "can_manage_hosts",
  hostIdsInputSchema,
  async (input, actor) => requestReportsFor(actor, input, await getRequestContext()),
);

export const deleteHostsAction = authorizedAction(
  "can_manage_hosts",
  bulkDeleteSchema,
  async (input, actor) => {
    const result = await deleteHostsFor(actor, input, await getRequestContext());
    refresh();
    return result;
  },
);

/** The Hosts table's visible columns, kept in a cookie (user preferences have no column for it). */
export const setHostColumnsAction = authorizedAction(
  "can_view_hosts",
  z.object({ columns: z.array(z.string()).max(50) }),
  async ({ columns }) => {
    const keys = parseHostColumns(columns.join(","));
    (await cookies()).set(HOST_COLUMNS_COOKIE, keys.join(","), {
      path: "/",
      maxAge: 365 * 24 * 3600,
      sameSite: "lax",
      httpOnly: true,
    });
    refresh();
    return { columns: keys };
  },
);
