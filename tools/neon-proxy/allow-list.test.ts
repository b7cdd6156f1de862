/** The allow-list accepts loopback by default and never needs DNS to decide. */
import { describe, expect, it } from 'vitest';
import { AllowList } from './allow-list.ts';

describe('AllowList', () => {
  it('accepts loopback and localhost by default, nothing else', async () => {
    const list = new AllowList();
    for (const address of ['127.0.0.1:5432', '127.8.9.10:1', '[::1]:5432', '::1:5432']) {
      expect(await list.checkAddress(address), address).toMatchObject({ ok: true });
    }
    expect(await list.checkAddress('localhost:5432')).toEqual({
      ok: true,
      host: 'localhost',
      port: 5432,
    });
    expect(await list.checkAddress('::ffff:127.0.0.1:5432')).toMatchObject({ host: '127.0.0.1' });
    for (const address of [
      '10.0.0.1:5432',
      '192.168.1.2:5432',
      '[fe80::1]:5432',
      'db.example:5432',
    ]) {
      expect(await list.checkAddress(address), address).toMatchObject({ ok: false });
    }
  });

  it('rejects malformed addresses and ports', async () => {
    const list = new AllowList();
    for (const address of ['127.0.0.1', '127.0.0.1:', '127.0.0.1:0', '127.0.0.1:99999', ':5432']) {
      expect(await list.checkAddress(address), address).toMatchObject({ ok: false });
    }
  });

  it('honours ports, CIDR ranges and bracketed IPv6 entries', async () => {
    const list = new AllowList(['127.0.0.1:5432', '10.1.0.0/16', '[::1]:6543', 'fd00::/8']);
    expect(await list.check('127.0.0.1', 5432)).toMatchObject({ ok: true });
    expect(await list.check('127.0.0.1', 5433)).toMatchObject({ ok: false });
    expect(await list.check('10.1.200.3', 1)).toMatchObject({ ok: true });
    expect(await list.check('10.2.0.1', 1)).toMatchObject({ ok: false });
    expect(await list.check('::1', 6543)).toMatchObject({ ok: true });
    expect(await list.check('::1', 5432)).toMatchObject({ ok: false });
    expect(await list.check('fd12::7', 5432)).toMatchObject({ ok: true });
    expect(await list.check('localhost', 5432)).toMatchObject({ ok: false });
  });

  it('refuses entries that would need DNS', () => {
    expect(() => new AllowList(['db.internal'])).toThrow(/no other names are resolved/);
    expect(() => new AllowList(['10.0.0.0/40'])).toThrow(/bad prefix/);
    expect(() => new AllowList(['localhost:port'])).toThrow(/invalid port/);
  });
});
