import { Body, Controller, Header, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { JsonBodyGuard } from './json-body.guard';
import { TokenRequestPipe } from './token-request.pipe';
import type { TokenRequest } from './token-request.schema';
import { type IssuedToken, TokenService } from './token.service';

/** The development-only password endpoint (not served in production), until web-bff signs in with the code flow. */
@Controller('auth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @HttpCode(200)
  @UseGuards(JsonBodyGuard)
  // RFC 6749 §5.1: a response carrying a token must not be cached.
  @Header('Cache-Control', 'no-store')
  issue(@Body(TokenRequestPipe) request: TokenRequest, @Ip() address: string): IssuedToken {
    return this.tokens.issue(request, address);
  }
}
