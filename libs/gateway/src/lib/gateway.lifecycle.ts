/** Where the gateway is in its life: readiness turns false the moment shutdown begins. */
export class GatewayLifecycle {
  private draining = false;

  get shuttingDown(): boolean {
    return this.draining;
  }

  beginShutdown(): void {
    this.draining = true;
  }
}
