import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keyFile, keyFileAsync } from "./key-file.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "emulators-key-file-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const notEmpty = { validate: (text: string) => (text ? null : "is empty") };

describe("keyFile", () => {
  it("creates the key once, readable by its owner only, and reads the same key afterwards", () => {
    const file = path.join(dir, "nested", "key");
    let made = 0;
    const create = () => `key-${++made}`;
    expect(keyFile(file, create, notEmpty)).toBe("key-1");
    expect(keyFile(file, create, notEmpty)).toBe("key-1");
    expect(readFileSync(file, "utf8")).toBe("key-1\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("refuses a damaged file, naming it, the problem and what to do", () => {
    const file = path.join(dir, "key");
    writeFileSync(file, "\n");
    expect(() => keyFile(file, () => "new", notEmpty)).toThrow(`${file} is empty: delete it to get a new one`);
    expect(() => keyFile(file, () => "new", { ...notEmpty, whatToDo: "run --reset" })).toThrow(`${file} is empty: run --reset`);
  });
});

describe("keyFileAsync", () => {
  it("makes a key only when there is no file", async () => {
    const file = path.join(dir, "key");
    let made = 0;
    const create = async () => `slow-key-${++made}`;
    expect(await keyFileAsync(file, create, notEmpty)).toBe("slow-key-1");
    expect(await keyFileAsync(file, create, notEmpty)).toBe("slow-key-1");
    expect(made).toBe(1);
  });

  it("keeps the key of whichever start wrote it first", async () => {
    const file = path.join(dir, "key");
    const [a, b] = await Promise.all([keyFileAsync(file, async () => "first", notEmpty), keyFileAsync(file, async () => "second", notEmpty)]);
    expect(a).toBe(b);
  });
});
