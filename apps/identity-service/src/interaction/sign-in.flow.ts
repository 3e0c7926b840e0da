import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AccountStore } from '../accounts/account.store';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import type { HtmlPage } from '../pages/html.page';
import { InvalidCredentialsError } from '../sign-in/invalid-credentials.error';
import { PasswordSignIn } from '../sign-in/password-sign-in.service';
import { TooManyFailedSignInsError } from '../sign-in/too-many-failed-sign-ins.error';
import { AntiForgeryTokens } from './anti-forgery.tokens';
import { AntiForgeryError, InteractionExpiredError, MalformedFormError } from './interaction.errors';
import { consentPage, signInPage } from './sign-in.pages';

/** What the controller sends: a page with its status, or a 303 to where the provider goes on. */
export type InteractionOutcome =
  | { kind: 'page'; status: number; page: HtmlPage; headers?: Record<string, string> }
  | { kind: 'redirect'; location: string };

/** The raw request and response, as oidc-provider's interaction helpers take them (its cookies are on them). */
export interface RawExchange {
  req: IncomingMessage;
  res: ServerResponse;
}

const csrfField = z.string().max(128);
const signInForm = z.object({ csrf: csrfField, email: z.string().max(254), password: z.string().max(256) });
const confirmForm = z.object({ csrf: csrfField });

function parseForm<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new MalformedFormError();
  return parsed.data;
}

/**
 * The sign-in pages' logic over oidc-provider's interactions: which page an interaction needs, and what
 * a posted form does. Every post checks the page's anti-forgery token first; the cross-site check is the
 * controller's guard.
 */
@Injectable()
export class SignInFlow {
  constructor(
    @Inject(OidcProviderHost) private readonly host: OidcProviderHost,
    @Inject(AntiForgeryTokens) private readonly antiForgery: AntiForgeryTokens,
    private readonly signIn: PasswordSignIn,
    private readonly accounts: AccountStore,
  ) {}

  async show(exchange: RawExchange, uid: string): Promise<InteractionOutcome> {
    const details = await this.details(exchange, uid);
    const clientName = await this.clientName(details.params['client_id']);
    const csrf = this.antiForgery.issue(uid);
    if (details.prompt.name === 'consent') {
      const email = this.accounts.byId(details.session?.accountId ?? '')?.email ?? '';
      return { kind: 'page', status: 200, page: consentPage({ uid, csrf, clientName, email }) };
    }
    const hint = details.params['login_hint'];
    return { kind: 'page', status: 200, page: signInPage({ uid, csrf, clientName, email: typeof hint === 'string' ? hint : '' }) };
  }

  async login(exchange: RawExchange, uid: string, body: unknown, address: string): Promise<InteractionOutcome> {
    const details = await this.details(exchange, uid);
    const form = parseForm(signInForm, body);
    this.checkAntiForgery(uid, form.csrf);
    if (details.prompt.name !== 'login') throw new InteractionExpiredError();
    const again = async (status: number, error: string, headers?: Record<string, string>): Promise<InteractionOutcome> => {
      const page = signInPage({ uid, csrf: this.antiForgery.issue(uid), clientName: await this.clientName(details.params['client_id']), email: form.email, error });
      return { kind: 'page', status, page, headers };
    };
    try {
      const account = this.signIn.authenticate(form.email, form.password, address);
      // Signing in is the consent here (every client is the system's own): see loadFirstPartyGrant.
      const location = await this.host.current.interactionResult(
        exchange.req,
        exchange.res,
        { login: { accountId: account.id, amr: ['pwd'], remember: true }, consent: {} },
        { mergeWithLastSubmission: false },
      );
      return { kind: 'redirect', location };
    } catch (error) {
      if (error instanceof InvalidCredentialsError) return again(400, error.message);
      if (error instanceof TooManyFailedSignInsError) return again(429, error.message, { 'retry-after': String(error.retryAfterSeconds) });
      throw error;
    }
  }

  async confirm(exchange: RawExchange, uid: string, body: unknown): Promise<InteractionOutcome> {
    const details = await this.details(exchange, uid);
    this.checkAntiForgery(uid, parseForm(confirmForm, body).csrf);
    if (details.prompt.name !== 'consent') throw new InteractionExpiredError();
    const location = await this.host.current.interactionResult(exchange.req, exchange.res, { consent: {} }, { mergeWithLastSubmission: true });
    return { kind: 'redirect', location };
  }

  /** The user cancelled: the client gets `error=access_denied`. */
  async abort(exchange: RawExchange, uid: string, body: unknown): Promise<InteractionOutcome> {
    await this.details(exchange, uid);
    this.checkAntiForgery(uid, parseForm(confirmForm, body).csrf);
    const location = await this.host.current.interactionResult(
      exchange.req,
      exchange.res,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in' },
      { mergeWithLastSubmission: false },
    );
    return { kind: 'redirect', location };
  }

  /** The interaction the browser's cookie names, which must be the one in the URL. */
  private async details({ req, res }: RawExchange, uid: string) {
    const details = await this.host.current.interactionDetails(req, res).catch((error: unknown) => {
      if (this.host.isSessionNotFound(error)) throw new InteractionExpiredError();
      throw error;
    });
    if (details.uid !== uid) throw new InteractionExpiredError();
    return details;
  }

  private checkAntiForgery(uid: string, token: string): void {
    if (!this.antiForgery.matches(uid, token)) throw new AntiForgeryError();
  }

  private async clientName(clientId: unknown): Promise<string> {
    const client = typeof clientId === 'string' ? await this.host.current.Client.find(clientId) : undefined;
    return client?.clientName ?? 'the app';
  }
}
