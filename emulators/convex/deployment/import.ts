import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GenericDocument } from "convex/server";
import type { Value } from "convex/values";
import type { Backend } from "../backend.ts";
import { describeError } from "../functions.ts";
import { HttpError, readBody, sendJson } from "../http/io.ts";
import { serverLog } from "../logs.ts";
import { tableOf } from "../internals.ts";
import { tableNames } from "../system.ts";
import { notSupported } from "./unsupported.ts";
import { readZip } from "./zip.ts";

type Mode = "requireEmpty" | "append" | "replace" | "replaceAll";

interface ImportArgs {
  tableName?: string;
  componentPath?: string;
  mode: Mode;
  format: string;
}

type ImportState =
  | { state: "waiting_for_confirmation"; message_to_confirm: string; require_manual_confirmation: boolean }
  | { state: "completed"; num_rows_written: bigint }
  | { state: "failed"; error_message: string };

interface SnapshotImport {
  id: string;
  args: ImportArgs;
  tables: Map<string, Record<string, unknown>[]>;
  state: ImportState;
}

/**
 * `npx convex import`: the file is uploaded in parts (`/api/import/start_upload`, `upload_part`,
 * `finish_upload`), parsed, summarised for confirmation (`_system/cli/queryImport`), then
 * written in one transaction on `/api/perform_import`: all of it or, on a document the schema
 * refuses, none of it. Imported documents get new ids (convex-test assigns them).
 */
export class SnapshotImports {
  private uploads = new Map<string, Buffer[]>();
  private imports = new Map<string, SnapshotImport>();

  constructor(
    private readonly backend: Backend,
    private readonly changed: () => void,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const body = await readBody(req);
    switch (url.pathname) {
      case "/api/import/start_upload": {
        const uploadToken = randomUUID();
        this.uploads.set(uploadToken, []);
        return sendJson(res, 200, { uploadToken });
      }
      case "/api/import/upload_part": {
        const parts = this.uploads.get(url.searchParams.get("uploadToken") ?? "");
        const partNumber = Number(url.searchParams.get("partNumber"));
        if (!parts || !Number.isInteger(partNumber) || partNumber < 1) throw new HttpError(400, "InvalidUpload", "Unknown uploadToken or partNumber: start the import again");
        parts[partNumber - 1] = body;
        return sendJson(res, 200, `part-${partNumber}`);
      }
      case "/api/import/finish_upload":
        return sendJson(res, 200, { importId: await this.finishUpload(body) });
      case "/api/perform_import":
        return sendJson(res, 200, await this.perform(body));
    }
    throw notSupported(`The import route ${url.pathname}`, "import with the Convex CLI 1.48.0");
  }

  /** `_system/cli/queryImport:list`. */
  list(): Value {
    return [...this.imports.values()].map((i) => ({ _id: i.id, state: i.state }));
  }

  /** `_system/cli/queryImport` with `{ importId }`. */
  get(importId: unknown): Value {
    const found = this.imports.get(String(importId));
    if (!found) throw new Error(`There is no import ${String(importId)}: run npx convex import again`);
    return { _id: found.id, state: found.state };
  }

  private async finishUpload(body: Buffer): Promise<string> {
    const request = JSON.parse(body.toString("utf8") || "{}") as { import?: ImportArgs; uploadToken?: string };
    const parts = this.uploads.get(request.uploadToken ?? "");
    if (!parts || !request.import) throw new HttpError(400, "InvalidUpload", "Unknown uploadToken: start the import again");
    this.uploads.delete(request.uploadToken!);
    const args = request.import;
    if (args.componentPath) throw notSupported("Importing into a component", "import into the app's own tables");
    let tables: Map<string, Record<string, unknown>[]>;
    try {
      tables = parseImport(Buffer.concat(parts), args);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, "InvalidImport", `The import file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    const id = randomUUID();
    const rows = [...tables].map(([table, docs]) => `  ${table}: ${docs.length} document(s), ${args.mode}`).join("\n");
    this.imports.set(id, { id, args, tables, state: { state: "waiting_for_confirmation", message_to_confirm: `Import change summary:\n${rows}`, require_manual_confirmation: false } });
    return id;
  }

  private async perform(body: Buffer): Promise<Record<string, never>> {
    const { importId } = JSON.parse(body.toString("utf8") || "{}") as { importId?: string };
    const found = this.imports.get(importId ?? "");
    if (!found || found.state.state !== "waiting_for_confirmation") throw new HttpError(400, "InvalidImport", `Import ${String(importId)} is not waiting for confirmation: run npx convex import again`);
    try {
      const written = await this.write(found);
      found.state = { state: "completed", num_rows_written: BigInt(written) };
      serverLog(`import: ${written} document(s) written`);
    } catch (error) {
      found.state = { state: "failed", error_message: error instanceof HttpError ? error.message : describeError(error).errorMessage.replace(/^Uncaught Error: /, "") };
    }
    this.changed();
    return {};
  }

  private async write(found: SnapshotImport): Promise<number> {
    const { mode } = found.args;
    const documents = this.backend.documents();
    const existing = (table: string) => Object.keys(documents).filter((id) => tableOf(id) === table);
    if (mode === "requireEmpty") {
      for (const table of found.tables.keys()) {
        if (existing(table).length > 0) throw new HttpError(400, "ImportTableNotEmpty", `Table "${table}" is not empty: import with --replace or --append`);
      }
    }
    const cleared = mode === "replace" ? [...found.tables.keys()] : mode === "replaceAll" ? [...new Set([...found.tables.keys(), ...(await tableNames(this.backend))])] : [];
    return await this.backend.write((runtime) =>
      runtime.t.run(async (ctx) => {
        const db = ctx.db as { delete(id: string): Promise<void>; insert(table: string, doc: Record<string, unknown>): Promise<string> };
        for (const table of cleared) for (const id of existing(table)) await db.delete(id);
        let written = 0;
        for (const [table, docs] of found.tables) {
          for (const doc of docs) {
            await db.insert(table, doc);
            written += 1;
          }
        }
        return written;
      }),
    );
  }
}

/** Documents by table, without the `_id` and `_creationTime` the new documents get anew. */
function parseImport(data: Buffer, args: ImportArgs): Map<string, Record<string, unknown>[]> {
  const tables = new Map<string, Record<string, unknown>[]>();
  if (args.format === "zip") {
    for (const entry of readZip(data)) {
      const match = /^([^_/][^/]*)\/documents\.jsonl$/.exec(entry.name);
      if (match) tables.set(match[1]!, parseJsonLines(entry.data.toString("utf8"), entry.name));
    }
    return tables;
  }
  if (!args.tableName) throw new HttpError(400, "InvalidImport", "Importing a single file needs --table");
  const text = data.toString("utf8");
  if (args.format === "jsonLines") tables.set(args.tableName, parseJsonLines(text, args.tableName));
  else if (args.format === "jsonArray") {
    const parsed = JSON.parse(text) as unknown;
    if (!Array.isArray(parsed)) throw new Error("a .json import must be an array of objects");
    tables.set(args.tableName, parsed.map((doc, i) => withoutSystemFields(doc, `item ${i}`)));
  } else {
    throw notSupported(`Importing ${args.format} files`, "convert it to JSON lines (.jsonl) or a JSON array (.json)");
  }
  return tables;
}

function parseJsonLines(text: string, source: string): Record<string, unknown>[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => [line, i] as const)
    .filter(([line]) => line.trim() !== "")
    .map(([line, i]) => withoutSystemFields(JSON.parse(line) as unknown, `${source} line ${i + 1}`));
}

function withoutSystemFields(doc: unknown, where: string): Record<string, unknown> {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${where} is not a JSON object`);
  const { _id, _creationTime, ...fields } = doc as GenericDocument;
  void _id;
  void _creationTime;
  return fields;
}
