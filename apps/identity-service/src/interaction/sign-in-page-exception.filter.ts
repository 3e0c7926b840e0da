import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { pageHeaders } from '../pages/html.page';
import { AntiForgeryError, CrossSiteRequestError, InteractionExpiredError, MalformedFormError } from './interaction.errors';
import { messagePage } from './sign-in.pages';

/** What went wrong on a sign-in page, as a status and a page title; anything else is a bare 500 page. */
function statusOf(exception: unknown): { status: number; title: string; message: string } {
  if (exception instanceof CrossSiteRequestError || exception instanceof AntiForgeryError) {
    return { status: 403, title: 'Request refused', message: exception.message };
  }
  if (exception instanceof InteractionExpiredError) return { status: 400, title: 'Sign-in expired', message: exception.message };
  if (exception instanceof MalformedFormError) return { status: 400, title: 'Request refused', message: exception.message };
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    return { status: exception.getStatus(), title: 'Request refused', message: exception.message };
  }
  return { status: 500, title: 'Something went wrong', message: 'The sign-in failed; go back to the app and try again' };
}

/** The sign-in pages are for people: their errors are HTML pages, not the API's JSON. */
@Catch()
export class SignInPageExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(SignInPageExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, title, message } = statusOf(exception);
    if (status >= 500) this.logger.error(`sign-in page: ${exception instanceof Error ? exception.stack : String(exception)}`);
    const page = messagePage(title, message);
    void host.switchToHttp().getResponse<FastifyReply>().status(status).headers(pageHeaders(page)).send(page.html);
  }
}
