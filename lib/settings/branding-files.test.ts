import { describe, expect, it } from "vitest";
import { detectImageType } from "./branding-files";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("detectImageType", () => {
  it("recognises PNG, JPEG, WebP and ICO by their first bytes", () => {
    expect(detectImageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("png");
    expect(detectImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpg");
    expect(
      detectImageType(new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")])),
    ).toBe("webp");
    expect(detectImageType(bytes(0, 0, 1, 0, 1, 0, 16, 16))).toBe("ico");
  });

  it("refuses SVG, text, a RIFF that is not WebP, an empty ICO and truncated headers", () => {
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from("\u00ef\u00bb\u00bf<?xml version='1.0'?><svg/>"))).toBeNull();
    expect(detectImageType(Buffer.from("hello, I am a .png"))).toBeNull();
    expect(
      detectImageType(new Uint8Array([...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVE")])),
    ).toBeNull();
    expect(detectImageType(bytes(0, 0, 1, 0, 0, 0))).toBeNull();
    expect(detectImageType(bytes(0x89, 0x50, 0x4e))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
  });
});
