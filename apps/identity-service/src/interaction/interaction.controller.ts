import { Body, Controller, Get, Ip, Param, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageHeaders } from '../pages/html.page';
import { SameOriginPostGuard } from './same-origin-post.guard';
import { type InteractionOutcome, SignInFlow } from './sign-in.flow';
import { SignInPageExceptionFilter } from './sign-in-page-exception.filter';

/** The provider's sign-in pages (`interactions.url`): HTTP in and out, the logic in SignInFlow. */
@Controller('interaction')
@UseFilters(SignInPageExceptionFilter)
export class InteractionController {
  constructor(private readonly flow: SignInFlow) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.flow.show(exchangeOf(request, reply), uid));
  }

  @Post(':uid/login')
  @UseGuards(SameOriginPostGuard)
  async login(@Param('uid') uid: string, @Body() body: unknown, @Ip() address: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.flow.login(exchangeOf(request, reply), uid, body, address));
  }

  @Post(':uid/confirm')
  @UseGuards(SameOriginPostGuard)
  async confirm(@Param('uid') uid: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.flow.confirm(exchangeOf(request, reply), uid, body));
  }

  @Post(':uid/abort')
  @UseGuards(SameOriginPostGuard)
  async abort(@Param('uid') uid: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.flow.abort(exchangeOf(request, reply), uid, body));
  }
}

const exchangeOf = (request: FastifyRequest, reply: FastifyReply) => ({ req: request.raw, res: reply.raw });

function send(reply: FastifyReply, outcome: InteractionOutcome): void {
  if (outcome.kind === 'redirect') {
    void reply.header('cache-control', 'no-store').redirect(outcome.location, 303);
    return;
  }
  void reply.status(outcome.status).headers({ ...pageHeaders(outcome.page), ...outcome.headers }).send(outcome.page.html);
}
