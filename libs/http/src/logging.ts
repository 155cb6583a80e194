import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
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

export function httpLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (request) => (request as { id?: string }).id ?? '',
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: redactUrl(request.url) }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    autoLogging: { ignore: (request) => request.url === '/metrics' || (request.url ?? '').startsWith('/health') },
  }) as unknown as RequestHandler;
}

/** Nest's own log lines through the same JSON logger. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

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

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...(message as object) });
    } else {
      this.logger[level]({ context }, String(message));
    }
  }
}
