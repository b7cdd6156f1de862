/** Decides which Postgres addresses the proxy may forward to, without trusting DNS for any name. */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const defaultAllowList: readonly string[] = ['127.0.0.0/8', '::1', 'localhost'];

export type Verdict = { ok: true; host: string; port: number } | { ok: false; reason: string };

interface HostPort {
  host: string;
  port: number | undefined;
}

interface Rule {
  /** `undefined` accepts any port. */
  port: number | undefined;
  /** `undefined` is the `localhost` rule; names never match an address rule. */
  addresses: BlockList | undefined;
}

export class AllowList {
  private readonly rules: Rule[];

  constructor(entries: readonly string[] = defaultAllowList) {
    this.rules = entries.map(parseEntry);
  }

  /** `address` is what a client asked for: `host:port`, `[v6]:port` or `v6:port`. */
  async checkAddress(address: string): Promise<Verdict> {
    const split = splitHostPort(address, true);
    if (!split || split.port === undefined || Number.isNaN(split.port)) {
      return { ok: false, reason: `address "${address}" is not host:port` };
    }
    return this.check(split.host, split.port);
  }

  async check(rawHost: string, port: number): Promise<Verdict> {
    const host = normaliseHost(rawHost);
    const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { ok: false, reason: `invalid port in ${where}` };
    }
    const family = isIP(host);
    const allowed = this.rules.some((rule) => {
      if (rule.port !== undefined && rule.port !== port) return false;
      if (family === 0) return rule.addresses === undefined && host === 'localhost';
      return rule.addresses?.check(host, family === 4 ? 'ipv4' : 'ipv6') ?? false;
    });
    if (!allowed) return { ok: false, reason: `${where} is not in the proxy's allow-list` };
    // The one name we resolve: refuse a hosts file that points localhost off the machine.
    if (family === 0 && !(await resolvesToLoopbackOnly(host))) {
      return { ok: false, reason: `${host} does not resolve to loopback addresses only` };
    }
    return { ok: true, host, port };
  }
}

function parseEntry(entry: string): Rule {
  const split = splitHostPort(entry.trim());
  const fail = (why: string) => new Error(`allow-list entry "${entry}": ${why}`);
  if (!split) throw fail('cannot be parsed');
  const { port } = split;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw fail('invalid port');
  }
  const [base = '', prefixText] = split.host.split('/');
  const host = normaliseHost(base);
  if (host === 'localhost' && prefixText === undefined) return { port, addresses: undefined };
  const family = isIP(host);
  if (family === 0) {
    throw fail('use an IP address, a CIDR range or localhost (no other names are resolved)');
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const addresses = new BlockList();
  if (prefixText === undefined) {
    addresses.addAddress(host, type);
  } else {
    const prefix = Number(prefixText);
    if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw fail('bad prefix');
    addresses.addSubnet(host, prefix, type);
  }
  return { port, addresses };
}

/**
 * A bare IPv6 address has several colons, so in an allow-list entry only a bracketed one carries a
 * port; a client's address always ends in a port, which the driver appends even to bare IPv6.
 */
function splitHostPort(text: string, portRequired = false): HostPort | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { host: bracketed[1] ?? '', port: toPort(bracketed[2]) };
  const cut = text.lastIndexOf(':');
  if (cut < 0) return text && !portRequired ? { host: text, port: undefined } : undefined;
  if (!portRequired && text.indexOf(':') !== cut) return { host: text, port: undefined };
  return cut > 0 ? { host: text.slice(0, cut), port: toPort(text.slice(cut + 1)) } : undefined;
}

function toPort(text: string | undefined): number | undefined {
  return text === undefined ? undefined : /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
}

/** IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry. */
function normaliseHost(host: string): string {
  const lower = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  return mapped?.[1] ?? lower;
}

async function resolvesToLoopbackOnly(name: string): Promise<boolean> {
  const loopback = new BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  try {
    const found = await lookup(name, { all: true });
    return (
      found.length > 0 &&
      found.every((a) => {
        const address = normaliseHost(a.address);
        return loopback.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
      })
    );
  } catch {
    return false;
  }
}
