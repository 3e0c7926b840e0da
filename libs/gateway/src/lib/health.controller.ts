import { Public } from '@bff/auth';
import { SkipThrottle } from '@bff/throttling';
import { Controller, Get } from '@nestjs/common';

/** Liveness for load balancers and orchestrators: no token, no rate limit. */
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
