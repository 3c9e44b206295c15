// Logos and favicon: upload (validated, size-limited, stored under a random name in the data dir),
// reset to the built-in default, and the public read the /api/branding route serves.
import { getSettings, updateSettings } from "@/db/queries/settings";
import type { Actor } from "@/lib/auth/actor";
import { ServiceError } from "@/lib/errors";
import {
  BRANDING_COLUMNS,
  BRANDING_KINDS,
  type BrandingFile,
  type BrandingKind,
  detectImageType,
  MAX_BRANDING_BYTES,
  readBrandingFile,
  removeBrandingFile,
  storeBrandingFile,
} from "./branding-files";
import { assertSettingsAdmin, auditBy, type RequestMeta } from "./context";

export { BRANDING_KINDS, type BrandingKind, MAX_BRANDING_BYTES };

export function isBrandingKind(value: unknown): value is BrandingKind {
  return typeof value === "string" && (BRANDING_KINDS as readonly string[]).includes(value);
}

/** Per kind, the stored file name (a cache-busting version for previews) or null for the default. */
export type BrandingState = Record<BrandingKind, string | null>;

export async function getBrandingState(): Promise<BrandingState> {
  const row = await getSettings();
  return { "logo-light": row.logoLight, "logo-dark": row.logoDark, favicon: row.favicon };
}

export async function getBrandingFor(actor: Actor): Promise<BrandingState> {
  assertSettingsAdmin(actor);
  return getBrandingState();
}

function refuse(message: string): never {
  throw new ServiceError(message, { fieldErrors: { file: [message] } });
}

export async function uploadBrandingFor(
  actor: Actor,
  kind: BrandingKind,
  file: Blob | null | undefined,
  meta: RequestMeta = {},
): Promise<BrandingState> {
  assertSettingsAdmin(actor);
  if (!isBrandingKind(kind)) throw new ServiceError("Unknown image.");
  if (!file || typeof file.arrayBuffer !== "function" || file.size === 0) refuse("Choose an image file.");
  if (file.size > MAX_BRANDING_BYTES) refuse("The image is larger than 1 MB.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > MAX_BRANDING_BYTES) refuse("The image is larger than 1 MB.");
  const ext = detectImageType(bytes);
  if (!ext) refuse("Upload a PNG, JPEG, WebP or ICO image (SVG is not accepted).");
  const previous = (await getBrandingState())[kind];
  const name = await storeBrandingFile(bytes, ext);
  try {
    await updateSettings({ [BRANDING_COLUMNS[kind]]: name });
  } catch (error) {
    await removeBrandingFile(name);
    throw error;
  }
  await removeBrandingFile(previous);
  await auditBy(actor, meta, {
    action: "branding.updated",
    target: { type: "branding", id: kind },
    details: { kind, type: ext, bytes: bytes.length },
  });
  return getBrandingState();
}

export async function resetBrandingFor(
  actor: Actor,
  kind: BrandingKind,
  meta: RequestMeta = {},
): Promise<BrandingState> {
  assertSettingsAdmin(actor);
  if (!isBrandingKind(kind)) throw new ServiceError("Unknown image.");
  const previous = (await getBrandingState())[kind];
  await updateSettings({ [BRANDING_COLUMNS[kind]]: null });
  await removeBrandingFile(previous);
  await auditBy(actor, meta, {
    action: "branding.updated",
    target: { type: "branding", id: kind },
    details: { kind, reset: true },
  });
  return getBrandingState();
}

/** The image to serve for a kind, or null when the default applies (public: the sign-in page shows it). */
export async function readBranding(kind: BrandingKind): Promise<BrandingFile | null> {
  return readBrandingFile((await getBrandingState())[kind]);
}

export type BrandingUrls = Record<BrandingKind, string | null>;

/**
 * Where the shell finds each uploaded image, or null to keep the built-in one. The file name is in
 * the query so a new upload is a new URL (no stale browser cache).
 */
export async function getBrandingUrls(): Promise<BrandingUrls> {
  const state = await getBrandingState();
  const url = (kind: BrandingKind) =>
    state[kind] ? `/api/branding/${kind}?v=${encodeURIComponent(state[kind])}` : null;
  return { "logo-light": url("logo-light"), "logo-dark": url("logo-dark"), favicon: url("favicon") };
}
