import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Inject, Logger, type LoggerService, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind, FieldError, TooManyRequests } from './domain-error';
import { redactUrl } from './logging';
import { ServiceLog } from './service-log';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  /** an unready /health/ready: each check with its status */
  checks?: Record<string, unknown>;
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  'too-many': HttpStatus.TOO_MANY_REQUESTS,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Tells an outage of what the service depends on (its database) from a failure of the request itself. */
export const OUTAGE_TEST = Symbol('OUTAGE_TEST');
export type OutageTest = (error: unknown) => boolean;

/** Seconds a client is asked to wait before retrying during an outage. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Every error leaves as RFC 9457 problem details; nothing internal leaks into a 500. While the
 * service's database is out of reach, requests get 503 with Retry-After instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger: LoggerService;

  constructor(@Optional() @Inject(OUTAGE_TEST) private readonly isOutage: OutageTest = () => false, @Optional() log?: ServiceLog) {
    this.logger = log?.for('Problem') ?? new Logger('Problem');
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const response = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(exception);
    problem.instance = redactUrl(request.originalUrl);
    if (problem.status >= 500) {
      this.logger.error({ err: exception, url: redactUrl(request.originalUrl), msg: 'request failed' });
    }
    if (response.sent || response.raw.headersSent) return;
    if (exception instanceof TooManyRequests) response.header('Retry-After', String(exception.retryAfterSeconds));
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) response.header('retry-after', String(RETRY_AFTER_SECONDS));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_OF[exception.kind];
      return {
        ...problem(status, exception.message),
        code: exception.code,
        ...(exception.errors.length ? { errors: exception.errors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'errors' in body) {
        const { errors, detail } = body as { errors: FieldError[]; detail?: string };
        // the validation pipe's refusals: the same code as a service's InvalidInput
        return { ...problem(status, detail ?? 'The request is not valid.'), code: 'invalid-input', errors };
      }
      // an unready health check (terminus) says which of its checks failed
      if (typeof body === 'object' && body !== null && 'details' in body && (body as { status?: unknown }).status === 'error') {
        return { ...problem(status, 'The service is not ready.'), checks: (body as { details: Record<string, unknown> }).details };
      }
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return problem(status, Array.isArray(message) ? message.join('; ') : String(message ?? exception.message));
    }
    if (this.isOutage(exception)) {
      return problem(HttpStatus.SERVICE_UNAVAILABLE, 'The service cannot reach its database just now; nothing was changed. Try again shortly.');
    }
    // The server's own refusals of a body (Fastify's FST_ERR_CTP_* errors), before any route ran.
    const serverError = exception as { code?: string; statusCode?: number };
    if (serverError?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return problem(HttpStatus.PAYLOAD_TOO_LARGE, 'The request body is larger than this service accepts.');
    }
    if (serverError?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (exception instanceof SyntaxError && serverError.statusCode === 400)) {
      return problem(HttpStatus.BAD_REQUEST, 'The request body is not valid JSON.');
    }
    if (typeof serverError?.statusCode === 'number' && serverError.statusCode >= 400 && serverError.statusCode < 500) {
      return problem(serverError.statusCode, (exception as Error).message);
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'Something went wrong on our side; it has been logged.');
  }
}

function problem(status: number, detail: string): ProblemDetails {
  const title = TITLES[status] ?? 'Error';
  return {
    type: `https://liaison.example.org/problems/${title.toLowerCase().replace(/\s+/g, '-')}`,
    title,
    status,
    detail,
  };
}
