import { describe, expect, it } from "vitest";
import { csvCell, csvLine, csvResponse } from "./csv";

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("web-01")).toBe("web-01");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(false)).toBe("false");
  });

  it("quotes commas, quotes and line breaks per RFC 4180", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("x\r\ny")).toBe('"x\r\ny"');
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+SUM(A1)")).toBe("'+SUM(A1)");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it("keeps numbers numeric (a negative number is data, not a formula)", () => {
    expect(csvCell(-3)).toBe("-3");
  });

  it("writes dates as ISO timestamps and lists joined", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell(["a", "b"])).toBe("a; b");
  });
});

describe("csvResponse", () => {
  it("streams the header and each row with CRLF endings", async () => {
    let pulled = 0;
    async function* rows() {
      for (let i = 0; i < 3; i++) {
        pulled++;
        yield [`host-${i}`, i];
      }
    }
    const response = csvResponse('hosts "x".csv', ["name", "n"], rows());
    expect(pulled).toBe(0);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="hosts_x_.csv"');
    expect(await response.text()).toBe("name,n\r\nhost-0,0\r\nhost-1,1\r\nhost-2,2\r\n");
  });

  it("pulls rows lazily, one at a time", async () => {
    let pulled = 0;
    async function* rows() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield [i];
      }
    }
    const body = csvResponse("x.csv", ["n"], rows()).body;
    if (!body) throw new Error("no body");
    const reader = body.getReader();
    await reader.read();
    await reader.read();
    expect(pulled).toBeLessThan(10);
    await reader.cancel();
  });

  it("csvLine joins cells", () => {
    expect(csvLine(["a", "=b", "c,d"])).toBe('a,\'=b,"c,d"\r\n');
  });
});
