/**
 * What the portal's first visit downloads: the entry script, the chunks index.html preloads and
 * the stylesheet, each gzipped as a server would send them. Later screens load on demand and are
 * not counted. `npm run web:size` after `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const WEB_DIST = fileURLToPath(new URL('../packages/web/dist/', import.meta.url));

export function firstLoad(dist = WEB_DIST): {
  files: { file: string; bytes: number; gzip: number }[];
  js: number;
  css: number;
} {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const files = [...new Set(refs)].map((file) => {
    const body = fs.readFileSync(path.join(dist, file));
    return { file, bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  });
  const sum = (ext: string) => files.filter((f) => f.file.endsWith(ext)).reduce((n, f) => n + f.gzip, 0);
  return { files, js: sum('.js'), css: sum('.css') };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const r = firstLoad();
  for (const f of r.files)
    console.log(
      `${f.file.padEnd(48)} ${String(f.bytes).padStart(9)} B  gzip ${String(f.gzip).padStart(8)} B`,
    );
  console.log(
    `first load: JavaScript ${(r.js / 1024).toFixed(1)} KiB gzipped, CSS ${(r.css / 1024).toFixed(1)} KiB gzipped`,
  );
}
