/** What the scale benchmark measures: reads at every depth, and each write, one request at a time. */
import type { Sample } from './measure.ts';
import type { ScaleData } from './scale-data.ts';

export interface ScaleScenario {
  name: string;
  run(i: number): Promise<Sample & { bytes: number }>;
}

export function scaleScenarios(base: string, token: string, data: ScaleData): ScaleScenario[] {
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const heavy = data.heavy.id;
  const near = data.lastItemId - 150;
  const read = (name: string, path: string, headers: Record<string, string> = {}) =>
    scenario(name, 200, () => fetch(`${base}/api/v1${path}`, { headers }));
  // Items written by the write scenarios, so each PATCH or DELETE has its own.
  const created: number[] = [];
  const createItem = () =>
    fetch(`${base}/api/v1/users/${heavy}/items`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'scale write', price: 1.5 }),
    });
  return [
    read('GET /items?skip=0', '/items?skip=0&limit=100'),
    read('GET /items?skip=100000', '/items?skip=100000&limit=100'),
    read('GET /items?skip=990000', '/items?skip=990000&limit=100'),
    read('GET /items?after=<first>', `/items?after=${data.firstItemId}&limit=100`),
    read('GET /items?after=<near the end>', `/items?after=${near}&limit=100`),
    read('GET /users?skip=0', '/users?skip=0&limit=15', auth),
    read('GET /users?skip=90000', '/users?skip=90000&limit=15', auth),
    read('GET /users?after=<near the end>', `/users?after=${heavy + 99_900}&limit=15`, auth),
    read(`GET /users/{id} (${'20,000'} items)`, `/users/${heavy}`, auth),
    read('GET /users/{id}/items?skip=19900', `/users/${heavy}/items?skip=19900&limit=100`),
    read(
      'GET /users/{id}/items?after=<deep>',
      `/users/${heavy}/items?after=${data.firstItemId + 19_899}&limit=100`,
    ),
    scenario('POST /users/{id}/items', 201, async () => {
      const response = await createItem();
      const clone = response.clone();
      created.push(((await clone.json()) as { id: number }).id);
      return response;
    }),
    scenario('PATCH /items/{id}', 200, (i) =>
      fetch(`${base}/api/v1/items/${created[i] ?? 0}`, {
        method: 'PATCH',
        headers: json,
        body: JSON.stringify({ price: 2 + i }),
      }),
    ),
    scenario('DELETE /items/{id}', 200, (i) =>
      fetch(`${base}/api/v1/items/${created[i] ?? 0}`, { method: 'DELETE', headers: auth }),
    ),
    scenario('PATCH /users/{id}', 200, (i) =>
      fetch(`${base}/api/v1/users/${heavy}`, {
        method: 'PATCH',
        headers: json,
        body: JSON.stringify({ full_name: `Heavy ${i}` }),
      }),
    ),
  ];
}

function scenario(name: string, expected: number, send: (i: number) => Promise<Response>) {
  return {
    name,
    async run(i: number) {
      const started = performance.now();
      try {
        const response = await send(i);
        const body = await response.arrayBuffer();
        const ms = performance.now() - started;
        return { ms, ok: response.status === expected, bytes: body.byteLength };
      } catch {
        return { ms: performance.now() - started, ok: false, bytes: 0 };
      }
    },
  };
}
