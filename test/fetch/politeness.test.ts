import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../src/fetch/http.js';
import { HostScheduler, hostKey } from '../../src/fetch/politeness.js';
import { startServer, type TestServer } from './server.js';

/** Two real servers standing for two hosts; each answers after `?ms=` and tracks concurrency. */
interface Host {
  server: TestServer;
  arrivals: number[];
  inFlight: number;
  maxInFlight: number;
}

const hosts: Host[] = [];
let agent: Agent;

async function startHost(): Promise<Host> {
  const host: Host = { server: undefined as unknown as TestServer, arrivals: [], inFlight: 0, maxInFlight: 0 };
  host.server = await startServer(async (req, res) => {
    host.arrivals.push(performance.now());
    host.inFlight++;
    host.maxInFlight = Math.max(host.maxInFlight, host.inFlight);
    const ms = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms') ?? 0);
    await sleep(ms);
    host.inFlight--;
    res.end('ok');
  });
  return host;
}

function reset(host: Host): void {
  host.arrivals.length = 0;
  host.maxInFlight = 0;
}

beforeAll(async () => {
  agent = new Agent({ connections: 8 });
  hosts.push(await startHost(), await startHost());
});

afterAll(async () => {
  await agent?.destroy();
  for (const h of hosts) await h.server.close();
});

describe('HostScheduler with real requests', () => {
  it('starts two requests to one host at least delayMs apart', async () => {
    const [a] = hosts as [Host];
    reset(a);
    const scheduler = new HostScheduler({ delayMs: 300, perHost: 2 });
    const starts: number[] = [];
    const get = () =>
      scheduler.schedule('a', () => {
        starts.push(performance.now());
        return fetchUrl(a.server.url('/'), { dispatcher: agent });
      });
    await Promise.all([get(), get()]);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(300);
    // Arrivals add network latency, larger for the first request (it opens the connection),
    // so the server-side gap is only a sanity check; the start times above are the guarantee.
    expect(a.arrivals[1]! - a.arrivals[0]!).toBeGreaterThanOrEqual(150);
  });

  it('keeps at most perHost requests in flight, first come first served', async () => {
    const [a] = hosts as [Host];
    reset(a);
    const scheduler = new HostScheduler({ delayMs: 0, perHost: 2 });
    const order: number[] = [];
    await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) =>
        scheduler.schedule('a', () => {
          order.push(i);
          return fetchUrl(a.server.url('/?ms=100'), { dispatcher: agent });
        }),
      ),
    );
    expect(a.maxInFlight).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('serves two hosts in parallel', async () => {
    const [a, b] = hosts as [Host, Host];
    reset(a);
    reset(b);
    const scheduler = new HostScheduler({ delayMs: 1000, perHost: 1 });
    await Promise.all([
      scheduler.schedule('a.example', () => fetchUrl(a.server.url('/?ms=500'), { dispatcher: agent })),
      scheduler.schedule('b.example', () => fetchUrl(b.server.url('/?ms=500'), { dispatcher: agent })),
    ]);
    // One shared queue would hold the second request for the 1000 ms delay (or the 500 ms answer).
    expect(Math.abs(a.arrivals[0]! - b.arrivals[0]!)).toBeLessThan(400);
  });

  it('caps requests in flight over all hosts, and a held-back host gets the next free slot', async () => {
    const [a, b] = hosts as [Host, Host];
    reset(a);
    reset(b);
    const scheduler = new HostScheduler({ delayMs: 0, perHost: 4, concurrency: 2 });
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    const get = (host: Host, name: string) =>
      scheduler.schedule(name, async () => {
        order.push(name);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          return await fetchUrl(host.server.url('/?ms=80'), { dispatcher: agent });
        } finally {
          inFlight--;
        }
      });
    // Host a asks for four at once and takes both slots; b's request is held back until one frees,
    // and then goes before a's remaining two.
    const all = [get(a, 'a'), get(a, 'a'), get(b, 'b'), get(a, 'a'), get(a, 'a')];
    expect(scheduler.activeTotal()).toBe(2);
    await Promise.all(all);
    expect(maxInFlight).toBe(2);
    expect(a.maxInFlight + b.maxInFlight).toBeLessThanOrEqual(3);
    expect(order.slice(0, 3)).toEqual(['a', 'a', 'b']);
    expect(scheduler.activeTotal()).toBe(0);
  });

  it('a crawl-delay raises the host delay, never lowers it', async () => {
    const scheduler = new HostScheduler({ delayMs: 100 });
    scheduler.setHostDelay('Slow.example', 400);
    scheduler.setHostDelay('fast.example', 10);
    expect(scheduler.hostDelayMs('slow.example')).toBe(400);
    expect(scheduler.hostDelayMs('fast.example')).toBe(100);
    expect(scheduler.hostDelayMs('other.example')).toBe(100);
    const starts: number[] = [];
    const task = async () => void starts.push(performance.now());
    await Promise.all([scheduler.schedule('slow.example', task), scheduler.schedule('SLOW.example', task)]);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(400);
  });
});

describe('HostScheduler bookkeeping', () => {
  it('passes results and errors through and frees the slot after a failure', async () => {
    const scheduler = new HostScheduler({ delayMs: 0, perHost: 1 });
    await expect(scheduler.schedule('h', async () => 42)).resolves.toBe(42);
    await expect(
      scheduler.schedule('h', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      scheduler.schedule('h', () => {
        throw new Error('sync boom');
      }),
    ).rejects.toThrow('sync boom');
    await expect(scheduler.schedule('h', async () => 'still works')).resolves.toBe('still works');
    expect(scheduler.active('h')).toBe(0);
  });

  it('reports queued and active counts', async () => {
    const scheduler = new HostScheduler({ delayMs: 0, perHost: 1 });
    let release: () => void = () => {};
    const first = scheduler.schedule('h', () => new Promise<void>((r) => (release = r)));
    const second = scheduler.schedule('h', async () => {});
    expect(scheduler.active('h')).toBe(1);
    expect(scheduler.queued('h')).toBe(1);
    await sleep(10);
    release();
    await Promise.all([first, second]);
    expect(scheduler.queued('h')).toBe(0);
  });

  it('validates options', () => {
    expect(() => new HostScheduler({ perHost: 0 })).toThrow('Expected `perHost` to be a number from 1 and up, got `0` (number)');
    expect(() => new HostScheduler({ delayMs: -1 })).toThrow(RangeError);
    expect(() => new HostScheduler({ concurrency: 0 })).toThrow(RangeError);
  });

  it('hostKey is the lower-case host name', () => {
    expect(hostKey('http://News.Example.COM:8080/a')).toBe('news.example.com');
  });
});
