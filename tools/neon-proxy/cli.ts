/** Command line entry: `node tools/neon-proxy/cli.ts --port 4444 --allow 127.0.0.1,localhost`. */
import { parseArgs } from 'node:util';
import { startNeonProxy } from './server.ts';

const usage = `usage: node tools/neon-proxy/cli.ts [--host 127.0.0.1] [--port 4444]
  [--allow 127.0.0.0/8,::1,localhost] [--delay-ms 0] [--verbose]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4444' },
      allow: { type: 'string' },
      'delay-ms': { type: 'string', default: '0' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = toNumber(values.port, '--port');
  const delayMs = toNumber(values['delay-ms'], '--delay-ms');
  const allow = values.allow
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const proxy = await startNeonProxy({
    host: values.host,
    port,
    allow,
    delayMs,
    // Log lines go to stderr so stdout carries only the one "listening" line.
    log: values.verbose ? (line) => console.error(line) : undefined,
  });
  console.log(`neon proxy listening on ${proxy.url}`);
  const stop = () => {
    // The process then exits by itself once nothing is left open; a handle that lingers is a
    // bug, which the watchdog reports (unref'd, so it never keeps the process alive itself).
    setTimeout(() => {
      console.error('neon proxy: handles still open 5 s after shutdown, exiting');
      process.exit(1);
    }, 5000).unref();
    proxy.close().catch((error: Error) => {
      console.error(`neon proxy: shutdown failed: ${error.message}`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function toNumber(text: string, name: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number`);
  return value;
}

main().catch((error: Error) => {
  console.error(`neon proxy: ${error.message}\n${usage}`);
  process.exit(1);
});
