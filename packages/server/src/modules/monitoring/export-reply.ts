/**
 * The answer of a monitoring route asked for a file (`?format=xlsx|pdf`): the periodic report and
 * the officers' statistics send their Excel and PDF the same way.
 */
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../files/disposition.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type FileFormat = 'xlsx' | 'pdf';

export async function sendExport(
  reply: FastifyReply,
  format: FileFormat,
  render: Record<FileFormat, () => Promise<Buffer>>,
  fileName: string,
) {
  const file = await render[format]();
  return (
    reply
      .type(format === 'xlsx' ? XLSX_TYPE : 'application/pdf')
      .header('content-disposition', contentDisposition('attachment', fileName))
      // a Buffer bypasses the JSON serializer; the route's 200 schema describes the json format
      .send(file as never)
  );
}
