// GET /api/branding/logo-light|logo-dark|favicon: the uploaded image, or 404 when the built-in
// default applies. Public (the sign-in page shows the logo). The type comes from the file's magic
// bytes at upload, and nosniff stops a browser from guessing another.
import { type BrandingKind, isBrandingKind, readBranding } from "@/lib/settings/branding";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ kind: string }> }) {
  const { kind } = await context.params;
  const file = isBrandingKind(kind) ? await readBranding(kind as BrandingKind) : null;
  if (!file) {
    return new Response("Not found", {
      status: 404,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }
  // The file name is random per upload, so it is a strong validator for revalidation.
  const etag = `"${file.name}"`;
  const headers = {
    "Content-Type": file.contentType,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "Content-Disposition": "inline",
    "Cache-Control": "public, max-age=300, must-revalidate",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: { ...headers, "Content-Length": String(file.bytes.length) },
  });
}
