import { loadConfigOrExit } from '@bff/app-process';
import { IDENTITY_APP, loadIdentityConfig } from '@bff/config';
import { startFastifyService } from '@bff/service-runtime';
import { IdentityModule } from './identity.module';

const config = loadConfigOrExit(() => loadIdentityConfig(process.env));
void startFastifyService(IDENTITY_APP, IdentityModule.forRoot(config), { host: config.host, port: config.port });
