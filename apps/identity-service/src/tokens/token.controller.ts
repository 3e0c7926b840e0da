import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { TokenRequestPipe } from './token-request.pipe';
import type { TokenRequest } from './token-request.schema';
import { type IssuedToken, TokenService } from './token.service';

@Controller('auth')
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post('token')
  @HttpCode(200)
  // RFC 6749 §5.1: a response carrying a token must not be cached.
  @Header('Cache-Control', 'no-store')
  issue(@Body(TokenRequestPipe) request: TokenRequest): IssuedToken {
    return this.tokens.issue(request);
  }
}
