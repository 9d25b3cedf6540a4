import { describe, expect, it } from 'vitest';
import { freePort, outgoingPortRange } from './cluster-processes';

describe('freePort', () => {
  it('takes ports below the range the kernel gives outgoing connections, each one free', async () => {
    const range = outgoingPortRange();
    // Debian's default, as on the CI machine; a port from it (listen on 0) could become the
    // local end of a connection before the process that is to listen on it starts.
    expect(range?.[0]).toBeGreaterThan(21_000);
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(range?.[0] ?? 0);
    }
  });
});
