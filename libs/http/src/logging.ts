import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestContext } from './request-context';

/**
 * JSON logs, one line an event, each carrying the request id and trace id of the request it
 * belongs to. Authorization headers, cookies and passwords are never written.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.accessToken'],
      censor: '[redacted]',
    },
    mixin: () => {
      const context = currentRequestContext();
      return context ? { requestId: context.requestId, traceparent: context.traceparent } : {};
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

// Query parameters that carry credentials (the SSE route takes `?access_token=` or `?ticket=`
// because a browser EventSource cannot send a header): never written to a log.
const SECRET_QUERY = /([?&](?:access_token|ticket|token)=)[^&#]*/gi;

/** The URL with the values of credential-bearing query parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

/** Probes and scrapes come every few seconds and say nothing about users' requests. */
function isProbe(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === '/metrics' || path.startsWith('/health/');
}

/**
 * One line per request when its response ends: at info (2xx, 3xx), warn (4xx) or error (5xx, or
 * a connection closed before the response was sent), with the request id, method, URL (credentials
 * redacted), status and duration in ms; never a header. The line is built only when its level is
 * enabled, so a request whose line is not written costs no serializing (pino-http makes a child
 * logger per request with the request serialized into it, written or not).
 */
export function httpLogging(logger: Logger): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
  return (request, response, next) => {
    if (isProbe(request.url ?? '')) {
      next();
      return;
    }
    const startedAt = performance.now();
    // 'finish' is an answer sent; 'close' without it, a connection gone first. (An injected
    // request's response, as the standalone's gateway makes, emits 'finish' before it counts
    // itself finished, so `writableFinished` alone would call it aborted.)
    const finished = () => ended(false);
    const closed = () => ended(!response.writableFinished);
    const ended = (aborted: boolean) => {
      response.off('finish', finished);
      response.off('close', closed);
      const status = response.statusCode;
      const level = aborted || status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          req: { id: (request as { id?: string }).id, method: request.method, url: redactUrl((request as { originalUrl?: string }).originalUrl || request.url || '') },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - startedAt),
        },
        aborted ? 'request aborted' : status >= 500 ? 'request errored' : 'request completed',
      );
    };
    response.on('finish', finished);
    response.on('close', closed);
    next();
  };
}

/** Nest's own log lines through the same JSON logger; `context`, when given, names the writer of a line that names none. */
export class NestPinoLogger implements LoggerService {
  constructor(
    private readonly logger: Logger,
    private readonly context?: string,
  ) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.write('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context = this.context): void {
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(message as object) });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
