import { READY_LINE } from '@bff/app-process';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { bootstrapSampleService } from './sample-service.bootstrap';

@Controller('products')
class ProductsController {
  @Get()
  list(): Array<{ id: string }> {
    return [{ id: 'p1' }];
  }
}

@Module({ controllers: [ProductsController] })
class ProductsModule {}

describe('bootstrapSampleService', () => {
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
    app = undefined;
  });

  async function start(faultInjection: 'on' | 'off'): Promise<string> {
    app = await bootstrapSampleService('catalog-service', () => ProductsModule, { PORT: '0', FAULT_INJECTION: faultInjection, NODE_ENV: 'test' });
    return READY_LINE.exec(stdout)?.[2] ?? '';
  }

  it('has no fault-injection routes without FAULT_INJECTION=on: 404, and nothing is recorded or injected', async () => {
    const url = await start('off');
    expect((await fetch(`${url}/products`)).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/_admin/last-request'],
      ['GET', '/_admin/requests'],
      ['PUT', '/_admin/faults'],
      ['DELETE', '/_admin/faults'],
    ] as const) {
      const body = method === 'PUT' ? { headers: { 'content-type': 'application/json' }, body: '{"status":503}' } : {};
      const response = await fetch(`${url}${path}`, { method, ...body });
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
    expect((await fetch(`${url}/products`)).status).toBe(200);
  });

  it('has them with FAULT_INJECTION=on', async () => {
    const url = await start('on');
    await fetch(`${url}/products`);
    expect(await (await fetch(`${url}/_admin/requests`)).json()).toEqual({ 'GET /products': 1 });
    expect((await fetch(`${url}/_admin/last-request`)).status).toBe(200);
  });
});
