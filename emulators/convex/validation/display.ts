import { jsonToConvex, type JSONValue, type ValidatorJSON } from "convex/values";

/**
 * Values and validators written the way the Convex backend writes them in its validation
 * errors (its Rust `Display` impls), so a message reads the same locally and deployed:
 * strings quoted with Rust's escapes, floats always with a fraction (`1.0`), int64 as bare
 * digits, bytes as `b"<base64>"`, objects as `{a: 1.0}` with keys in byte order.
 */
export function displayValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return displayFloat(value);
  if (typeof value === "boolean") return String(value);
  if (typeof value === "string") return quoteRust(value);
  if (value instanceof ArrayBuffer) return `b"${Buffer.from(value).toString("base64")}"`;
  if (Array.isArray(value)) return `[${value.map(displayValue).join(", ")}]`;
  if (typeof value === "object") return displayObject(value as Record<string, unknown>);
  // Not a Convex value; the args decoder refuses these before validation, so this is only a fallback.
  return String(value);
}

export function displayObject(object: Record<string, unknown>): string {
  const fields = presentKeys(object).map((key) => `${key}: ${displayValue(object[key])}`);
  return `{${fields.join(", ")}}`;
}

/** An object's fields as Convex sees them: `undefined` means absent; the backend keeps them in byte order. */
export function presentKeys(object: Record<string, unknown>): string[] {
  return Object.keys(object)
    .filter((key) => object[key] !== undefined)
    .sort(byteOrder);
}

export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function displayValidator(validator: ValidatorJSON): string {
  switch (validator.type) {
    case "id":
      return `v.id("${validator.tableName}")`;
    case "null":
      return "v.null()";
    case "number":
      return "v.float64()";
    case "bigint":
      return "v.int64()";
    case "commitTs":
      return "v.commitTs()";
    case "boolean":
      return "v.boolean()";
    case "string":
      return "v.string()";
    case "bytes":
      return "v.bytes()";
    case "any":
      return "v.any()";
    case "literal":
      return `v.literal(${displayLiteral(validator.value)})`;
    case "array":
      return `v.array(${displayValidator(validator.value)})`;
    case "record":
      return `v.record(${displayValidator(validator.keys)}, ${displayValidator(validator.values.fieldType)})`;
    case "object":
      return displayObjectValidator(validator.value);
    case "union":
      return `v.union(${validator.value.map(displayValidator).join(", ")})`;
  }
}

export function displayObjectValidator(fields: Record<string, { fieldType: ValidatorJSON; optional: boolean }>): string {
  const shown = Object.keys(fields)
    .sort(byteOrder)
    .map((key) => {
      const { fieldType, optional } = fields[key]!;
      return `${key}: ${optional ? `v.optional(${displayValidator(fieldType)})` : displayValidator(fieldType)}`;
    });
  return `v.object({${shown.join(", ")}})`;
}

/** A literal validator's value as the backend prints it: JSON where it can, `<bigint>` for int64. */
export function displayLiteral(json: JSONValue): string {
  const value = jsonToConvex(json);
  if (typeof value === "bigint") return "<bigint>";
  if (typeof value === "number") return Number.isFinite(value) ? jsonFloat(value) : "<number>";
  return JSON.stringify(value);
}

/** A float64 as Rust's `{:?}` prints it: decimal with a fraction, exponent form below 1e-4 and from 1e16. */
export function displayFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return shortest(x, 1e-4);
}

/** A finite float as serde_json writes it: ryu's thresholds (exponent form below 1e-5), not Rust's `{:?}`. */
function jsonFloat(x: number): string {
  return shortest(x, 1e-5);
}

function shortest(x: number, smallest: number): string {
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < smallest || abs >= 1e16)) return exponential(x);
  // Below 1e21 and from 1e-6 JavaScript already writes the shortest digits without an exponent.
  const text = (Object.is(x, -0) ? "-" : "") + String(x);
  return text.includes(".") ? text : `${text}.0`;
}

/** `1e16`, `1.5e-7`: the shortest round-tripping digits, no `+` in the exponent. */
function exponential(x: number): string {
  return x.toExponential().replace("e+", "e");
}

// Rust's `str` Debug escapes these as `\u{…}` (its "not printable" classes, and combining marks).
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}\p{Grapheme_Extend}]/u;
const SHORT_ESCAPES: Record<string, string> = { "\0": "\\0", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\", '"': '\\"' };

function quoteRust(text: string): string {
  let out = '"';
  for (const char of text) {
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (char !== " " && UNPRINTABLE.test(char)) out += `\\u{${char.codePointAt(0)!.toString(16)}}`;
    else out += char;
  }
  return out + '"';
}
