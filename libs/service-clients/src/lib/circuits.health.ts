import type { DownstreamServiceName } from '@bff/config';
import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { UpstreamRegistry } from './upstream.registry';

/**
 * Terminus indicator for the services' circuits. Down while the circuit of a
 * service the gateway cannot serve without is open (its screens would all fail
 * fast), up otherwise; it names every service's state either way. Route
 * circuits (pass-through) are never counted: one caller's failing calls must
 * not take the instance out of rotation.
 */
@Injectable()
export class CircuitsHealthIndicator {
  constructor(
    private readonly health: HealthIndicatorService,
    private readonly registry: UpstreamRegistry,
  ) {}

  isHealthy<const Key extends string>(key: Key, required: readonly DownstreamServiceName[]): HealthIndicatorResult<Key> {
    const indicator = this.health.check(key);
    const states = this.registry.states();
    const open = required.filter((service) => states[service] === 'open');
    return open.length > 0 ? indicator.down({ ...states, open }) : indicator.up(states);
  }
}
