/**
 * Adds the platform-specific optional packages (macOS, Windows, musl, Android builds of biome
 * and workerd) that npm leaves out of package-lock.json when its registry does not serve them.
 * Without them `npm ci` refuses the lock file as out of sync, here and on those platforms. Run
 * `node tools/complete-lockfile.ts` after changing dependencies on such a registry mirror.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface Entry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const PLATFORMS: [RegExp, Pick<Entry, 'os' | 'cpu' | 'libc'>][] = [
  [/-(darwin)-(arm64|x64)$/, {}],
  [/-darwin-64$/, { os: ['darwin'], cpu: ['x64'] }],
  [/-(win32)-(arm64|x64)$/, {}],
  [/-windows-64$/, { os: ['win32'], cpu: ['x64'] }],
  [/-(android)-(arm64|x64)$/, {}],
  [/-(linux)-(arm64|x64)-musl$/, { libc: ['musl'] }],
];

function platformOf(name: string): Pick<Entry, 'os' | 'cpu' | 'libc'> | undefined {
  for (const [pattern, fixed] of PLATFORMS) {
    const match = pattern.exec(name);
    if (!match) continue;
    const [, os, cpu] = match;
    return { ...(os && cpu ? { os: [os], cpu: [cpu] } : {}), ...fixed };
  }
  return undefined;
}

const path = 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, Entry> };
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = platformOf(name);
    if (!platform) continue;
    // Where npm put the sibling it could resolve (hoisted, or nested beside the dependent).
    const parent = location.slice(0, location.lastIndexOf('node_modules/'));
    const nested = `${location}/node_modules/${name}`;
    const target = lock.packages[nested] ? nested : `${parent}node_modules/${name}`;
    if (lock.packages[target]) continue;
    lock.packages[target] = { version, dev: entry.dev, optional: true, ...platform };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b)),
);
writeFileSync(path, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform-specific optional package(s)`);
