import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; messageVi: string; details: Record<string, unknown> };
}

function body(
  code: string,
  message: string,
  messageVi: string,
  details: Record<string, unknown> = {},
): ErrorBody {
  return { error: { code, message, messageVi, details } };
}

/** Fastify's own errors, by code, with the status and message MotCua answers with. */
const FRAMEWORK: Record<string, { status: number; code: string; message: string; messageVi: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is too large',
    messageVi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Unsupported Content-Type',
    messageVi: 'Kiểu dữ liệu (Content-Type) không được hỗ trợ',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'The body is not valid JSON',
    messageVi: 'Dữ liệu gửi lên không phải JSON hợp lệ',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'MALFORMED_JSON',
    message: 'The JSON body is empty',
    messageVi: 'Dữ liệu JSON gửi lên bị rỗng',
  },
};

export function registerErrorHandling(app: FastifyInstance, opts: { spa: boolean }): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof DomainError) {
      if (err.status >= 500) req.log.error({ err }, 'domain error');
      return reply.status(err.status).send(body(err.code, err.message, err.messageVi, err.details));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues = fe.validation.map((v) => ({
        // "/body/username" style paths are what clients map back onto form fields
        path: `/${fe.validationContext ?? 'body'}${v.instancePath}`,
        rule: v.keyword,
        message: v.message ?? '',
        params: v.params,
      }));
      return reply
        .status(400)
        .send(
          body(
            'VALIDATION_FAILED',
            `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
            'Yêu cầu không hợp lệ: vui lòng kiểm tra các trường dữ liệu',
            { issues },
          ),
        );
    }
    const known = fe.code ? FRAMEWORK[fe.code] : undefined;
    if (known) return reply.status(known.status).send(body(known.code, known.message, known.messageVi));
    if (fe.statusCode === 429) {
      return reply.status(429).send(
        body(
          'RATE_LIMITED',
          'Too many requests; try again later',
          'Quá nhiều yêu cầu, vui lòng thử lại sau',
          {
            retryAfterSeconds: Number(reply.getHeader('retry-after') ?? 0) || undefined,
          },
        ),
      );
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply
        .status(fe.statusCode)
        .send(body('BAD_REQUEST', fe.message, 'Yêu cầu không hợp lệ', { frameworkCode: fe.code }));
    }
    // Anything else is our bug: log everything, tell the client nothing but the request id.
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(
      body(
        'INTERNAL_ERROR',
        'Internal error; quote the request id to support',
        'Lỗi hệ thống; vui lòng báo mã yêu cầu cho bộ phận hỗ trợ',
        {
          requestId: req.id,
        },
      ),
    );
  });

  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the single-page app (/tra-cuu/…, /quan-tri/…) all load index.html.
    if (opts.spa && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(
      body('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url}`, 'Không tìm thấy địa chỉ yêu cầu', {
        method: req.method,
        url: req.url,
      }),
    );
  });
}
