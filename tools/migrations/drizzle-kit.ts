/** Runs the project's drizzle-kit with this Node, in a given folder. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './options.ts';

const BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'drizzle-kit');

export interface DrizzleKitRun {
  code: number;
  /** stdout and stderr together; empty unless captured. */
  output: string;
}

/**
 * With `capture`, stdin is closed (so a question drizzle-kit would ask fails instead of waiting)
 * and the output is returned; otherwise drizzle-kit talks to the terminal directly.
 */
export function runDrizzleKit(
  cwd: string,
  args: string[],
  capture = false,
): Promise<DrizzleKitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}
