// Branding images on disk (data dir, branding/): recognised by their first bytes, never by the name
// or type the browser sent. SVG is refused: it can carry script, and sanitising it reliably is
// harder than asking for a PNG.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "@/lib/env";

export const BRANDING_KINDS = ["logo-light", "logo-dark", "favicon"] as const;
export type BrandingKind = (typeof BRANDING_KINDS)[number];

export const BRANDING_COLUMNS = {
  "logo-light": "logoLight",
  "logo-dark": "logoDark",
  favicon: "favicon",
} as const satisfies Record<BrandingKind, string>;

export const MAX_BRANDING_BYTES = 1024 * 1024;

export const IMAGE_TYPES = {
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
  ico: "image/x-icon",
} as const;
export type ImageExtension = keyof typeof IMAGE_TYPES;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/** The image type these bytes are, by magic number; null for anything else (SVG and text included). */
export function detectImageType(bytes: Uint8Array): ImageExtension | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return "webp";
  // ICO: reserved 0, type 1, then a non-zero image count.
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length > 6 && (bytes[4] || bytes[5])) return "ico";
  return null;
}

// Only names this module generated are ever opened, so a tampered settings value cannot reach
// another file.
const STORED_NAME = /^[0-9a-f]{32}\.(png|jpg|webp|ico)$/;

function brandingDir(): string {
  return path.join(/* turbopackIgnore: true */ getEnv().dataDir, "branding");
}

export async function storeBrandingFile(bytes: Uint8Array, ext: ImageExtension): Promise<string> {
  const dir = brandingDir();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = `${randomBytes(16).toString("hex")}.${ext}`;
  await writeFile(path.join(/* turbopackIgnore: true */ dir, name), bytes, { mode: 0o600, flag: "wx" });
  return name;
}

export async function removeBrandingFile(name: string | null): Promise<void> {
  if (!name || !STORED_NAME.test(name)) return;
  await rm(path.join(/* turbopackIgnore: true */ brandingDir(), name), { force: true });
}

export type BrandingFile = { bytes: Buffer; contentType: string; name: string };

/** The stored file, or null when the name is not one of ours or the file is gone. */
export async function readBrandingFile(name: string | null): Promise<BrandingFile | null> {
  const match = name ? STORED_NAME.exec(name) : null;
  if (!name || !match) return null;
  try {
    const bytes = await readFile(path.join(/* turbopackIgnore: true */ brandingDir(), name));
    return { bytes, contentType: IMAGE_TYPES[match[1] as ImageExtension], name };
  } catch {
    return null;
  }
}
