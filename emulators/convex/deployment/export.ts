import type { IncomingMessage, ServerResponse } from "node:http";
import type { Value } from "convex/values";
import type { Backend } from "../backend.ts";
import { exportValue } from "../http/format.ts";
import { HttpError, readBody } from "../http/io.ts";
import { tableOf } from "../internals.ts";
import { tableNames } from "../system.ts";
import { notSupported } from "./unsupported.ts";
import { writeZip, type ZipEntry } from "./zip.ts";

interface Snapshot {
  ts: bigint;
  zip: Buffer;
}

const README = `# Snapshot export of a local Convex

Each table's documents are in \`<table>/documents.jsonl\`, one JSON object per line, in Convex's
clean JSON export format. \`npx convex import\` reads this layout.
`;

/**
 * `npx convex export`: `POST /api/export/request/zip` makes the snapshot (at once: a development
 * database is small), `_system/cli/exports:getLatest` reports it completed, and
 * `GET /api/export/zip/<ts>` downloads it. Only the latest snapshot is kept, in memory.
 */
export class SnapshotExports {
  private latest: Snapshot | null = null;

  constructor(private readonly backend: Backend) {}

  /** What `_system/cli/exports:getLatest` answers: null before the first export. */
  state(): Value {
    if (this.latest === null) return null;
    const ts = this.latest.ts;
    return { state: "completed", start_ts: ts, complete_ts: ts, zip_object_key: `local-convex-${ts}` };
  }

  async request(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    await readBody(req);
    if (url.searchParams.get("includeStorage") === "true") {
      throw notSupported("Exporting file storage (`--include-file-storage`)", "export without it: the documents are exported, files are not");
    }
    const entries: ZipEntry[] = [{ name: "README.md", data: Buffer.from(README) }];
    const tables = await tableNames(this.backend);
    const documents = Object.entries(this.backend.documents());
    entries.push({ name: "_tables/documents.jsonl", data: jsonl(tables.map((name, i) => ({ name, id: 10_001 + i }))) });
    for (const table of tables) {
      const rows = documents.filter(([id]) => tableOf(id) === table).map(([, doc]) => exportValue(doc as Value, "clean"));
      entries.push({ name: `${table}/documents.jsonl`, data: jsonl(rows) });
    }
    const ts = this.backend.lastCommitTs();
    this.latest = { ts, zip: writeZip(entries) };
    res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
  }

  download(res: ServerResponse, pathname: string): void {
    const ts = pathname.slice("/api/export/zip/".length);
    if (this.latest === null || this.latest.ts.toString() !== ts) {
      throw new HttpError(400, "ExportNotFound", `There is no snapshot export ${ts}: run npx convex export again (the local Convex keeps only the latest, in memory)`);
    }
    res
      .writeHead(200, { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename=snapshot_${ts}.zip`, "Content-Length": this.latest.zip.length })
      .end(this.latest.zip);
  }
}

function jsonl(rows: unknown[]): Buffer {
  return Buffer.from(rows.map((row) => JSON.stringify(row) + "\n").join(""));
}
