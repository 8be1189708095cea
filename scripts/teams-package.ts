// Builds the Teams app package for upload: manifest.json (with the bot's id from CLIENT_ID)
// and the two icons, zipped with the manifest at the root.
//
//   npm run teams:package               → dist/teams-app/ledelsesbot-teams.zip
//                                          (not dist/teams/, which is the compiled src/teams)
//   npm run teams:package -- --icons    → draws manifests/teams/color.png and outline.png anew
//
// The icons are drawn here (four arrows: opad, nedad, til siden, udad) so they can be
// remade without a drawing program.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import dotenv from 'dotenv';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import { ConfigError, loadConfig } from '../src/config.ts';
import { errorMessage } from '../src/shared/errors.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = path.join(ROOT, 'manifests', 'teams');
export const DEFAULT_OUT_FILE = path.join(ROOT, 'dist', 'teams-app', 'ledelsesbot-teams.zip');
export const CLIENT_ID_PLACEHOLDER = '${{CLIENT_ID}}';

/** Teams' sizes: a 192×192 full-colour icon and a 32×32 white outline on transparency. */
export const ICON_SIZES = { 'color.png': 192, 'outline.png': 32 } as const;
/** The accent colour of the app, also in manifest.json. */
const ACCENT = { r: 0x1f, g: 0x5f, b: 0x8b };

export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// --- icons -------------------------------------------------------------------------------

type Point = [number, number];

/** An arrow pointing up from the centre, in a unit square (0..1). */
const ARROW_UP: Point[] = [
  [0.5, 0.06],
  [0.665, 0.25],
  [0.56, 0.25],
  [0.56, 0.36],
  [0.44, 0.36],
  [0.44, 0.25],
  [0.335, 0.25],
];

function rotate([x, y]: Point, quarterTurns: number): Point {
  let p: Point = [x - 0.5, y - 0.5];
  for (let i = 0; i < quarterTurns; i++) p = [-p[1], p[0]];
  return [p[0] + 0.5, p[1] + 0.5];
}

const ARROWS: Point[][] = [0, 1, 2, 3].map((q) => ARROW_UP.map((p) => rotate(p, q)));

function insidePolygon([x, y]: Point, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The symbol: four arrows and a dot in the middle (the leader). */
function insideSymbol(p: Point): boolean {
  const dx = p[0] - 0.5;
  const dy = p[1] - 0.5;
  if (dx * dx + dy * dy <= 0.08 * 0.08) return true;
  return ARROWS.some((a) => insidePolygon(p, a));
}

/** Coverage (0..1) of the symbol in each pixel, 4×4 samples per pixel; `margin` of the side left free. */
function coverage(size: number, margin: number): Float64Array {
  const out = new Float64Array(size * size);
  const n = 4;
  const inner = 1 - 2 * margin;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = ((px + (sx + 0.5) / n) / size - margin) / inner;
          const v = ((py + (sy + 0.5) / n) / size - margin) / inner;
          if (u >= 0 && u <= 1 && v >= 0 && v <= 1 && insideSymbol([u, v])) hits++;
        }
      }
      out[py * size + px] = hits / (n * n);
    }
  }
  return out;
}

/** 192×192: white symbol on the accent colour, inside Teams' 120 px safe area. */
export function drawColorIcon(): PNG {
  const size = ICON_SIZES['color.png'];
  const png = new PNG({ width: size, height: size });
  const cover = coverage(size, 36 / size);
  for (let i = 0; i < size * size; i++) {
    const a = cover[i]!;
    png.data[i * 4] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
    png.data[i * 4 + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
    png.data[i * 4 + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/** 32×32: the symbol in white on a transparent background, as Teams requires. */
export function drawOutlineIcon(): PNG {
  const size = ICON_SIZES['outline.png'];
  const png = new PNG({ width: size, height: size });
  const cover = coverage(size, 1 / size);
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = Math.round(255 * cover[i]!);
  }
  return png;
}

export function writeIcons(dir = MANIFEST_DIR): void {
  writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
}

// --- package -----------------------------------------------------------------------------

/** The manifest with the bot's id filled in; refuses a missing or malformed CLIENT_ID. */
export function fillManifest(template: string, clientId: string | undefined): string {
  if (!clientId) {
    throw new PackageError(
      'CLIENT_ID er ikke sat. Teams-pakken skal have bottens app-id (Microsoft App ID fra Azure Bot eller Teams Developer Portal). ' +
        'Sæt CLIENT_ID i .env, og kør npm run teams:package igen — se docs/teams.md.',
    );
  }
  if (!GUID.test(clientId)) {
    throw new PackageError(`CLIENT_ID skal være et app-id på formen 00000000-0000-0000-0000-000000000000, men er "${clientId}".`);
  }
  if (!template.includes(CLIENT_ID_PLACEHOLDER)) throw new PackageError(`manifest.json mangler pladsholderen ${CLIENT_ID_PLACEHOLDER}.`);
  const filled = template.split(CLIENT_ID_PLACEHOLDER).join(clientId);
  try {
    JSON.parse(filled);
  } catch (err) {
    throw new PackageError(`manifests/teams/manifest.json er ikke gyldig JSON: ${errorMessage(err)}`);
  }
  return filled;
}

function readIcon(dir: string, name: keyof typeof ICON_SIZES): Uint8Array {
  const file = path.join(dir, name);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new PackageError(`Ikonet ${name} mangler i ${dir}. Kør npm run teams:package -- --icons for at tegne det.`);
  }
  const png = PNG.sync.read(bytes);
  const size = ICON_SIZES[name];
  if (png.width !== size || png.height !== size) {
    throw new PackageError(`${name} skal være ${size}×${size} pixel, men er ${png.width}×${png.height}.`);
  }
  return new Uint8Array(bytes);
}

export interface PackageOptions {
  clientId: string | undefined;
  manifestDir?: string;
  outFile?: string;
}

/** Writes the zip (manifest.json, color.png, outline.png at its root); returns where and how big. */
export function buildTeamsPackage({ clientId, manifestDir = MANIFEST_DIR, outFile = DEFAULT_OUT_FILE }: PackageOptions): { file: string; bytes: number } {
  const manifest = fillManifest(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), clientId);
  const zip = zipSync(
    {
      'manifest.json': new TextEncoder().encode(manifest),
      'color.png': readIcon(manifestDir, 'color.png'),
      'outline.png': readIcon(manifestDir, 'outline.png'),
    },
    { level: 9 },
  );
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { file: outFile, bytes: zip.length };
}

function main(): void {
  if (process.argv.includes('--icons')) {
    writeIcons();
    console.log(`Ikonerne er tegnet: ${path.relative(process.cwd(), MANIFEST_DIR)}/color.png og outline.png`);
    return;
  }
  dotenv.config({ quiet: true });
  try {
    const config = loadConfig();
    const { file, bytes } = buildTeamsPackage({ clientId: config.CLIENT_ID });
    console.log(`Teams-pakken er klar: ${path.relative(process.cwd(), file)} (${bytes} byte). Upload den i Teams — se docs/teams.md.`);
  } catch (err) {
    if (err instanceof PackageError || err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
