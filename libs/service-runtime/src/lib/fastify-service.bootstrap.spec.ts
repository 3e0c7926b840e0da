import { READY_LINE } from '@bff/app-process';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startFastifyService } from './fastify-service.bootstrap';

@Controller('greetings')
class GreetingsController {
  @Get()
  greet(): { greeting: string } {
    return { greeting: 'hello' };
  }
}

@Module({ controllers: [GreetingsController] })
class GreetingsModule {}

describe('startFastifyService', () => {
  let app: NestFastifyApplication | undefined;
  let stdout: string;

  beforeEach(() => {
    stdout = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout += chunk.toString();
      return true;
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await app?.close();
  });

  it('announces the URL it listens on, where /health and the module’s routes answer', async () => {
    app = await startFastifyService('greeting-service', GreetingsModule, { host: '127.0.0.1', port: 0 });

    const [, name, url] = READY_LINE.exec(stdout) ?? [];
    expect(name).toBe('greeting-service');
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${url}/greetings`)).json()).toEqual({ greeting: 'hello' });
  });

  it('lets the caller add Fastify hooks that see the module’s requests', async () => {
    app = await startFastifyService('greeting-service', GreetingsModule, { host: '127.0.0.1', port: 0 }, (fastify) => {
      fastify.addHook('onSend', async (_request, reply) => {
        void reply.header('x-configured', 'yes');
      });
    });
    const url = READY_LINE.exec(stdout)?.[2];

    expect((await fetch(`${url}/greetings`)).headers.get('x-configured')).toBe('yes');
  });
});
