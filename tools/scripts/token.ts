// npm run -s token -- <userId> [audience]: prints a development token, valid for an hour at a gateway
// started with the development configuration. The audience is `web` (web-bff) or `mobile` (mobile-bff).
import { signTestToken } from '@bff/auth/testing';

const [userId, audience = 'web'] = process.argv.slice(2);
if (!userId || !/^[\w.@:-]{1,256}$/.test(userId)) {
  process.stderr.write('usage: npm run -s token -- <userId> [web|mobile]   e.g. npm run -s token -- u42\n');
  process.exit(2);
}
process.stdout.write(`${signTestToken(userId, { audience })}\n`);
