// The bytes of a reader's source (a file, a stream, an async iterable) and their decoding, with
// every failure of the system (a missing or unreadable file, a read error, a file that changes
// while it is read) as a typed IO_ERROR.
import { isAscii } from "node:buffer";
import { statSync } from "node:fs";
import { open as openFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { CxMetricsError, fail } from "../core/errors";
import { describe } from "../core/input";

/** A file path, a `file:` URL, a Node readable stream, or any async iterable of bytes or text. */
export type Source = string | URL | NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

const REASONS: Record<string, string> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is not a directory",
  EIO: "input/output error of the device",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EMFILE: "too many open files",
  EPIPE: "the reader of the output went away",
};

/**
 * An `IO_ERROR` for a failed system call on `path`, with Node's code in `details.cause` and a
 * plain-words reason in the message.
 * @param fn - The public function, first in the message.
 * @param doing - What was done: `"read"`, `"write"`.
 * @param path - The file (or a description such as `"the input stream"`).
 * @param e - The error of the system call.
 * @returns The error, to throw.
 * @internal
 * @example
 * ```ts
 * ioError("f", "write", "/x/out.csv", Object.assign(new Error("x"), { code: "ENOENT" })).message; //=> "f: cannot write /x/out.csv: no such file or directory (ENOENT)"
 * ```
 */
export function ioError(fn: string, doing: string, path: string, e: unknown): CxMetricsError {
  if (e instanceof CxMetricsError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const reason = typeof code === "string" ? `${REASONS[code] ?? (e as Error).message} (${code})` : e instanceof Error ? e.message : String(e);
  return new CxMetricsError("IO_ERROR", `${fn}: cannot ${doing} ${path}: ${reason}`, undefined, { path, cause: typeof code === "string" ? code : undefined });
}

/**
 * The size of a file, or `IO_ERROR` (not found, a directory, unreadable) with Node's code in
 * `details.cause`.
 * @internal
 * @example
 * ```ts
 * fileSize("f", "/no/such/file.csv"); // throws IO_ERROR
 * ```
 */
export function fileSize(fn: string, path: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) fail(fn, "IO_ERROR", `expected a file, got the directory ${path}`, undefined, { path, cause: "EISDIR" });
    return st.size;
  } catch (e) {
    if (e instanceof CxMetricsError) throw e;
    const code = (e as { code?: string }).code;
    if (code === "ENOENT") fail(fn, "IO_ERROR", `file not found: ${path}`, undefined, { path, cause: code });
    throw ioError(fn, "read", path, e);
  }
}

/** Counts of a read in progress, shared with the caller. @internal */
export interface SourceCounter {
  /** Bytes read so far. */
  bytes: number;
  /** The file's size when it was opened (a regular file), otherwise `null`. */
  totalBytes: number | null;
}

/**
 * The byte chunks of a source. A file is opened once; its size and modification time when opened
 * are compared with the bytes read and with the file after the last chunk, so a file that grows,
 * shrinks or is rewritten while it is read is an `IO_ERROR`, never a partial result. Every failure
 * of the file or stream (EACCES, EIO, a stream's `error`) is an `IO_ERROR` naming it.
 * @param fn - The public function, first in error messages.
 * @param source - A path, a `file:` URL, a readable stream or an async iterable.
 * @param counter - Receives the bytes read and the file size.
 * @returns The chunks.
 * @throws `IO_ERROR`; `INVALID_INPUT` for a source of another kind.
 * @internal
 * @example
 * ```ts
 * const counter = { bytes: 0, totalBytes: null };
 * for await (const c of sourceBytes("f", (async function* () { yield Uint8Array.of(97, 98); })(), counter)) void c;
 * counter.bytes; //=> 2
 * ```
 */
export async function* sourceBytes(fn: string, source: Source, counter: SourceCounter): AsyncGenerator<Uint8Array | string> {
  if (typeof source === "string" || source instanceof URL) {
    const path = source instanceof URL ? fileURLToPath(source) : source;
    fileSize(fn, path);
    let handle: Awaited<ReturnType<typeof openFile>>;
    try {
      handle = await openFile(path, "r");
    } catch (e) {
      throw ioError(fn, "read", path, e);
    }
    try {
      const before = await handle.stat();
      const regular = before.isFile();
      counter.totalBytes = regular ? before.size : null;
      try {
        for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 20 })) {
          counter.bytes += (chunk as Buffer).length;
          if (regular && counter.bytes > before.size) break;
          yield chunk as Buffer;
        }
      } catch (e) {
        throw ioError(fn, "read", path, e);
      }
      if (regular) {
        const after = await handle.stat().catch((e: unknown) => {
          throw ioError(fn, "read", path, e);
        });
        if (counter.bytes !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
          fail(fn, "IO_ERROR", `the file ${path} changed while it was read (${before.size.toLocaleString("en-US")} bytes when opened, ${counter.bytes > before.size ? "more" : counter.bytes.toLocaleString("en-US")} bytes read, ${after.size.toLocaleString("en-US")} bytes now): read it again when it is complete`, undefined, { path, cause: "CHANGED", sizeBefore: before.size, sizeAfter: after.size });
        }
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
    return;
  }
  if (source !== null && typeof source === "object" && (Symbol.asyncIterator in source || typeof (source as NodeJS.ReadableStream).pipe === "function")) {
    const chunks = Symbol.asyncIterator in source ? (source as AsyncIterable<Uint8Array | string>) : Readable.from(source as NodeJS.ReadableStream);
    try {
      for await (const c of chunks) {
        if (typeof c !== "string" && !(c instanceof Uint8Array)) fail(fn, "INVALID_INPUT", `expected the stream to give bytes or text, got ${describe(c)}`);
        counter.bytes += c.length;
        yield c;
      }
    } catch (e) {
      throw ioError(fn, "read", "the input stream", e);
    }
    return;
  }
  fail(fn, "INVALID_INPUT", `expected a file path, a file URL or a readable stream, got ${describe(source)}`);
}

/**
 * Decode byte chunks to text: UTF-8 strictly (an invalid byte sequence is an error, not a silent
 * replacement character), UTF-16LE or Latin-1; a byte-order mark is dropped.
 * @param fn - The public function, first in error messages.
 * @param chunks - Bytes (or text, passed on as is).
 * @param encoding - The text encoding.
 * @returns The text chunks.
 * @throws `INVALID_INPUT` for bytes that are not valid text in `encoding`.
 * @internal
 * @example
 * ```ts
 * const out = [];
 * for await (const t of decode("f", (async function* () { yield Uint8Array.of(0xc3); yield Uint8Array.of(0xa9); })(), "utf8")) out.push(t);
 * out; //=> ["é"]
 * ```
 */
export async function* decode(fn: string, chunks: AsyncIterable<Uint8Array | string>, encoding: "utf8" | "utf16le" | "latin1"): AsyncGenerator<string> {
  const label = encoding === "utf8" ? "utf-8" : encoding === "utf16le" ? "utf-16le" : "latin1";
  // made at the first chunk that is not plain ASCII; a byte-order mark is dropped only at the start
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  // an ASCII chunk reads the same in UTF-8 and Latin-1 (windows-1252): one byte per character, copied
  // (isAscii and a latin1 copy run at memory speed); only when no character is pending in the decoder
  let clean = encoding !== "utf16le";
  let first = true;
  let bytes = 0;
  for await (const c of chunks) {
    if (typeof c === "string") {
      yield c;
      continue;
    }
    if (first && encoding === "utf8" && c.length >= 2 && ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0xfe && c[1] === 0xff))) {
      fail(fn, "INVALID_INPUT", 'the file starts with a UTF-16 byte-order mark: read it with encoding "utf16le"');
    }
    let text: string;
    if (clean && isAscii(c)) text = Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString("latin1");
    else {
      decoder ??= new TextDecoder(label, { fatal: true, ignoreBOM: !first });
      try {
        text = decoder.decode(c, { stream: true });
      } catch {
        fail(fn, "INVALID_INPUT", `the bytes after byte ${bytes} are not valid ${encoding === "utf8" ? "UTF-8" : encoding} text: give the file's encoding (e.g. encoding: "latin1")`);
      }
      clean = encoding === "latin1" || (encoding === "utf8" && completeTail(c));
    }
    first = false;
    bytes += c.length;
    if (text.length > 0) yield text;
  }
  if (decoder === null) return;
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    fail(fn, "INVALID_INPUT", `the file ends in the middle of a ${encoding === "utf8" ? "UTF-8" : encoding} character`);
  }
  if (rest.length > 0) yield rest;
}

/**
 * Whether UTF-8 bytes end on a whole character (no sequence cut at the end), so a decoder that
 * took them holds nothing back. `false` when unsure.
 * @internal
 * @example
 * ```ts
 * [completeTail(Uint8Array.of(0x61, 0xc3, 0xa9)), completeTail(Uint8Array.of(0x61, 0xc3))]; //=> [true, false]
 * ```
 */
export function completeTail(c: Uint8Array): boolean {
  const n = c.length;
  for (let k = 1; k <= 4 && k <= n; k++) {
    const b = c[n - k]!;
    if ((b & 0xc0) !== 0x80) return (b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0) === k;
  }
  return false;
}
