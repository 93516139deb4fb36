import { readFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { syncFolder } from "../../shared/json-file.ts";

interface Entry {
  seq: number;
  /** The line to write; null while its record is still being put together (see reserve). */
  data: string | null;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * An append-only file of JSON lines with group commit: lines that arrive while a write and
 * fsync are in flight are written together by the next one, so many concurrent commits share
 * one fsync. Lines reach the file in the order they were appended or reserved.
 */
export class CommitLog {
  private queue: Entry[] = [];
  private nextSeq = 1;
  private durableSeq = 0;
  private waiters: Waiter[] = [];
  private writing: Promise<void> | null = null;
  private paused = false;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private file: string,
    private handle: FileHandle,
    private bytes: number,
    private readonly onWritten: () => void,
  ) {}

  /** Opens (or creates) `file` for appending. */
  static async open(file: string, onWritten: () => void = () => {}): Promise<CommitLog> {
    const { handle, size } = await openForAppend(file);
    return new CommitLog(file, handle, size, onWritten);
  }

  /** The file written to now. */
  get path(): string {
    return this.file;
  }

  /** Bytes in the current file. */
  get size(): number {
    return this.bytes;
  }

  /** Queues one line (without its newline); returns its sequence number for `durable`. */
  append(line: string): number {
    const reservation = this.reserve();
    reservation.fill(line);
    return reservation.seq;
  }

  /**
   * Keeps a place in the order for a line that is not ready yet (it waits for a blob or a
   * mutation's answer). Nothing after it is written before it is filled, so fill it soon.
   */
  reserve(): { seq: number; fill(line: string): void } {
    const entry: Entry = { seq: this.nextSeq++, data: null };
    this.queue.push(entry);
    return {
      seq: entry.seq,
      fill: (line) => {
        entry.data = `${line}\n`;
        this.pump();
      },
    };
  }

  /** Resolves once line `seq` and every line before it are written and fsync'd. */
  durable(seq: number): Promise<void> {
    if (seq <= this.durableSeq) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  /** Resolves once every line appended so far is on disk. */
  flush(): Promise<void> {
    return this.durable(this.nextSeq - 1);
  }

  /**
   * Sends later lines to a new file. Lines already written stay in the old one, complete:
   * the switch waits for the write in flight, so a file never ends in half a batch.
   */
  async rotate(file: string): Promise<void> {
    this.paused = true;
    try {
      while (this.writing) await this.writing;
      const next = await openForAppend(file);
      const old = this.handle;
      this.handle = next.handle;
      this.file = file;
      this.bytes = next.size;
      await old.close();
    } finally {
      this.paused = false;
      this.pump();
    }
  }

  /** Writes what is ready, then closes the file; lines still waiting are not saved. */
  async close(): Promise<void> {
    while (this.writing) await this.writing;
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.closedError());
    await this.handle.close();
  }

  private pump(): void {
    if (this.writing || this.paused || this.failure || this.closed) return;
    let ready = 0;
    while (ready < this.queue.length && this.queue[ready]!.data !== null) ready++;
    if (ready === 0) return;
    const batch = this.queue.splice(0, ready);
    this.writing = this.write(batch).finally(() => {
      this.writing = null;
      this.pump();
    });
  }

  private async write(batch: Entry[]): Promise<void> {
    const buffer = Buffer.from(batch.map((entry) => entry.data).join(""));
    try {
      for (let offset = 0; offset < buffer.length; ) {
        const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset, null);
        offset += bytesWritten;
      }
      await this.handle.sync();
    } catch (error) {
      // What is on disk after a failed write is unknown, so nothing more is appended after it.
      this.failure = new Error(
        `could not write the commit log ${this.file} (${error instanceof Error ? error.message : String(error)}); commits from now on are not saved. Free disk space or fix the folder's permissions, then restart the local Convex.`,
        { cause: error },
      );
      for (const waiter of this.waiters.splice(0)) waiter.reject(this.failure);
      return;
    }
    this.bytes += buffer.length;
    this.durableSeq = batch.at(-1)!.seq;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.seq <= this.durableSeq) waiter.resolve();
      else this.waiters.push(waiter);
    }
    this.onWritten();
  }

  private closedError(): Error {
    return new Error(`the local Convex is shutting down: this commit was not written to ${this.file}`);
  }
}

async function openForAppend(file: string): Promise<{ handle: FileHandle; size: number }> {
  const handle = await open(file, "a");
  try {
    // A new file's name must survive a crash along with the lines written to it.
    syncFolder(path.dirname(file));
    return { handle, size: (await handle.stat()).size };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A torn last record that was left out. */
export interface Dropped {
  offset: number;
  reason: string;
}

/**
 * Reads a log written by CommitLog. A crash mid-write can only tear the last record of the
 * last file, so that one is dropped (and reported); anything unreadable before it means the
 * file was damaged some other way, and starting would silently lose what follows.
 */
export function readCommitLog<T>(file: string, isRecord: (value: unknown) => value is T, last: boolean): { records: T[]; dropped: Dropped | null } {
  const buffer = readFileSync(file);
  const records: T[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const newline = buffer.indexOf(0x0a, offset);
    const end = newline === -1 ? buffer.length : newline;
    const record = parse(buffer.toString("utf8", offset, end), isRecord);
    const isLastRecord = newline === -1 || newline === buffer.length - 1;
    if (newline === -1 || record === undefined) {
      const reason = newline === -1 ? "it has no end of line (a write cut off by a crash)" : "it is not a valid commit record";
      if (last && isLastRecord) return { records, dropped: { offset, reason } };
      throw new Error(
        `${file} is damaged at byte ${offset}: ${reason}, and ${last ? "more records follow it" : "later logs follow it"}. Move the data folder away, or start with --reset to begin with an empty database.`,
      );
    }
    records.push(record);
    offset = end + 1;
  }
  return { records, dropped: null };
}

function parse<T>(text: string, isRecord: (value: unknown) => value is T): T | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
