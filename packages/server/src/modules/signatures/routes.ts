import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppDeps } from '../../app.js';
import { ErrorResponse } from '../../http/schemas.js';
import { loadSigner, loadTrustAnchors, signingErrors } from '../../signing/index.js';
import { PdfBody, VerificationResponse } from './schemas.js';
import { verifyDocument } from './service.js';

/** The largest PDF the public verification accepts (a scanned result document fits easily). */
export const VERIFY_MAX_BYTES = 20 * 1024 * 1024;

export const signatureRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { config, clock }) => {
  // Read at start, so a wrong MOTCUA_SIGNING_* stops the server; the demo's TEST certificate is
  // made here on the first start and reused afterwards.
  const signer = await loadSigner(config);
  const trustAnchors = loadTrustAnchors(config, signer);
  if (signer)
    app.log.info(
      { source: signer.source, subject: signer.certificate.subject, notAfter: signer.certificate.notAfter },
      'signing certificate loaded',
    );

  // the PDF is the body itself; scoped to this plugin, so no other route accepts one
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: VERIFY_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/api/v1/signatures/verify',
    {
      bodyLimit: VERIFY_MAX_BYTES,
      // public: whoever holds a document may check it; the parse costs CPU, hence the limit
      config: { access: { public: true }, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['signatures'],
        summary: 'Kiểm tra chữ ký số của tệp PDF — verify the digital signatures of a PDF',
        description:
          'Gửi chính tệp PDF làm nội dung yêu cầu (Content-Type: application/pdf, tối đa 20 MiB). Mỗi chữ ký được kiểm tra về mật mã (giá trị băm của vùng được ký, chữ ký CMS với chứng thư kèm theo) và chuỗi chứng thư tới các CA tin cậy đã cấu hình. Send the PDF itself as the body (application/pdf, at most 20 MiB); a PDF without signatures answers 200 with signed: false.',
        consumes: ['application/pdf'],
        body: PdfBody,
        response: { 200: VerificationResponse, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
      // the body is raw bytes, which a JSON schema cannot check: the handler does
      validatorCompiler: () => () => true,
    },
    async (req) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) throw signingErrors.notPdf(req.headers['content-type'] ?? 'no body');
      return verifyDocument(body, trustAnchors, new Date(clock ? clock() : Date.now()));
    },
  );
};
