// CSV downloads streamed page by page: the body is a ReadableStream pulling from an async
// iterable, so an export of the whole fleet never holds the whole table in memory.

/** Spreadsheet apps run a cell that starts with one of these as a formula: neutralise it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, RFC 4180 quoted when needed, with a leading quote mark against formula injection. */
export function csvCell(value: unknown): string {
  let text: string;
  if (value === null || value === undefined) text = "";
  else if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = value.map((item) => String(item)).join("; ");
  else text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record terminated by CRLF, as RFC 4180 asks. */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A safe filename for Content-Disposition (no quotes, slashes or control characters). */
function safeFilename(filename: string): string {
  return filename.replace(/[^\w.-]+/g, "_") || "export.csv";
}

/** A streamed text/csv attachment: the header first, then each row as the iterable yields it. */
export function csvResponse(filename: string, header: string[], rows: AsyncIterable<unknown[]>): Response {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.asyncIterator]();
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(csvLine(next.value)));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeFilename(filename)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
