// Reads a request body without trusting Content-Length: the stream is counted and abandoned as soon
// as it passes the limit, so a 3 MB report costs at most limit bytes of memory.
import { ApiError, invalidBody } from "./errors";

export type JsonBody = { value: unknown; bytes: number };

export function payloadTooLarge(): ApiError {
  return new ApiError("payload_too_large", 413, "Payload too large");
}

/** The raw bytes of the body, at most limitBytes (413 beyond). */
export async function readBodyBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await request.body?.cancel().catch(() => {});
    throw payloadTooLarge();
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Parses body bytes as JSON (invalid UTF-8 or JSON -> 400; empty -> undefined or 400). */
export function parseJsonBytes(
  bytes: Uint8Array,
  { optional = false }: { optional?: boolean } = {},
): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalidBody([{ path: "body", message: "Body is not valid UTF-8" }]);
  }
  if (text.trim() === "") {
    if (optional) return undefined;
    throw invalidBody([{ path: "body", message: "Body is empty; a JSON object is required" }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidBody([{ path: "body", message: "Body is not valid JSON" }]);
  }
}

/** The JSON body of a request: limit -> 413, then as parseJsonBytes. */
export async function readJsonBody(
  request: Request,
  limitBytes: number,
  options: { optional?: boolean } = {},
): Promise<JsonBody> {
  const bytes = await readBodyBytes(request, limitBytes);
  return { value: parseJsonBytes(bytes, options), bytes: bytes.byteLength };
}
