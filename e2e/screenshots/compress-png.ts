import { deflateSync, inflateSync } from "node:zlib";

/**
 * The README's screenshots as small PNGs: a palette of at most 256 colours instead of full colour
 * (as pngquant does, without its dithering), about half the bytes of what Chromium writes. Only
 * what Chromium writes is read: 8-bit RGB or RGBA, not interlaced.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** The raw pixels (no filter bytes) of an 8-bit RGB/RGBA PNG. */
function decode(png: Buffer): { width: number; height: number; channels: number; pixels: Buffer } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("Not a PNG.");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("ascii", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colorType !== 2 && colorType !== 6) || interlace !== 0) {
        throw new Error(`Unexpected PNG format (bit depth ${depth}, colour type ${colorType}, interlace ${interlace}).`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  const filtered = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = filtered[y * (stride + 1)]!;
    const row = filtered.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = y > 0 && x >= channels ? pixels[out - stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`Unknown PNG filter ${filter}.`);
      pixels[out + x] = (row[x]! + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/**
 * Up to 256 colours for the picture: the most common ones, after grouping colours that differ only
 * in their lowest three bits per channel (each group's mean). Flat UI is mostly a few exact
 * colours; what is lost is a little of text's anti-aliasing.
 */
function quantize(rgb: Buffer, count: number): { palette: number[]; indexOf(colour: number): number } {
  const bins = new Map<number, { n: number; r: number; g: number; b: number }>();
  for (let i = 0; i < count; i++) {
    const [r, g, b] = [rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!];
    const key = ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
    const bin = bins.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    bin.n++;
    bin.r += r;
    bin.g += g;
    bin.b += b;
    bins.set(key, bin);
  }
  const palette = [...bins.values()]
    .sort((x, y) => y.n - x.n)
    .slice(0, 256)
    .map(({ n, r, g, b }) => (Math.round(r / n) << 16) | (Math.round(g / n) << 8) | Math.round(b / n));
  const nearest = new Map<number, number>();
  return {
    palette,
    indexOf(colour) {
      let index = nearest.get(colour);
      if (index === undefined) {
        let best = Infinity;
        for (let p = 0; p < palette.length; p++) {
          const q = palette[p]!;
          const dr = ((colour >> 16) & 0xff) - ((q >> 16) & 0xff);
          const dg = ((colour >> 8) & 0xff) - ((q >> 8) & 0xff);
          const db = (colour & 0xff) - (q & 0xff);
          const distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
          if (distance < best) {
            best = distance;
            index = p;
          }
        }
        nearest.set(colour, index!);
      }
      return index!;
    },
  };
}

/**
 * A smaller PNG of the same screenshot: opaque pixels in a palette of at most 256 colours
 * (`quantize`), rows unfiltered (palette indices are not magnitudes), deflate at its best level.
 * A picture with transparency is returned as it is.
 */
export function compressPng(png: Buffer): Buffer {
  const { width, height, channels, pixels } = decode(png);
  const count = width * height;
  for (let i = 0; channels === 4 && i < count; i++) if (pixels[i * 4 + 3] !== 255) return png;
  const rgb = Buffer.alloc(count * 3);
  for (let i = 0; i < count; i++) pixels.copy(rgb, i * 3, i * channels, i * channels + 3);
  const { palette, indexOf } = quantize(rgb, count);
  const image = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) image[y * (width + 1) + 1 + x] = indexOf(rgb.readUIntBE((y * width + x) * 3, 3));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 3;
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((colour, index) => plte.writeUIntBE(colour, index * 3, 3));
  const idat = deflateSync(image, { level: 9, memLevel: 9 });
  const rewritten = Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("PLTE", plte), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
  return rewritten.length < png.length ? rewritten : png;
}
