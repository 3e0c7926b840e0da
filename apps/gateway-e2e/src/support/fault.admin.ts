import type { RunningApp } from '@bff/app-process/launcher';

/** Drives a sample service's fault injection (it runs with FAULT_INJECTION=on in the tests). */
export const faults = {
  /** A standing fault; `route` limits it to one route, named as `requests` names them (`GET /products/:id`). */
  async set(service: RunningApp, fault: { status?: number; delayMs?: number; times?: number; route?: string }): Promise<void> {
    const response = await fetch(`${service.url}/_admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fault),
    });
    if (response.status !== 204) throw new Error(`could not set a fault on ${service.name}: ${response.status}`);
  },
  /** Clears the standing faults of the services that are still running. */
  async clear(...services: RunningApp[]): Promise<void> {
    const running = services.filter((service) => service.process.exitCode === null && service.process.signalCode === null);
    await Promise.all(running.map((service) => fetch(`${service.url}/_admin/faults`, { method: 'DELETE' })));
  },
  /** Requests per route the service has received (`{"GET /products": 2}`). */
  async requests(service: RunningApp): Promise<Record<string, number>> {
    return (await fetch(`${service.url}/_admin/requests`)).json() as Promise<Record<string, number>>;
  },
  /**
   * The method, URL and headers of the last request the service received: every header by name,
   * credentials' values (authorization, cookie, unknown headers...) as `[redacted]`.
   */
  async lastRequest(service: RunningApp): Promise<{ method: string; url: string; headers: Record<string, string | undefined> }> {
    return (await fetch(`${service.url}/_admin/last-request`)).json() as Promise<{ method: string; url: string; headers: Record<string, string | undefined> }>;
  },
  async resetRequests(service: RunningApp): Promise<void> {
    await fetch(`${service.url}/_admin/requests`, { method: 'DELETE' });
  },
};
