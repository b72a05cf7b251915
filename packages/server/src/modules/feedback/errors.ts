/** The PAKN module's refusals: codes, statuses and Vietnamese/English messages in one place. */
import { FeedbackError, type FeedbackErrorCode } from '@motcua/core';
import { DomainError, errors } from '../../errors.js';
import type { FeedbackView } from './views.js';

/** State conflicts are 409, the actor's kind 403, a bad or missing text 422. */
const STATUS: Record<FeedbackErrorCode, number> = {
  FEEDBACK_ACTION_NOT_ALLOWED: 409,
  FEEDBACK_ALREADY_RATED: 409,
  FEEDBACK_ALREADY_RAISED: 409,
  FEEDBACK_ACTOR_NOT_ALLOWED: 403,
  FEEDBACK_TIME_BEFORE_LAST: 422,
  FEEDBACK_TEXT_REQUIRED: 422,
  FEEDBACK_CLASSIFICATION_REQUIRED: 422,
  FEEDBACK_DEADLINE_INVALID: 422,
};

/** The core's refusal as the API's (nothing is written: the transaction rolls back). */
export function asDomainError(e: unknown): never {
  if (e instanceof FeedbackError)
    throw new DomainError(STATUS[e.code], e.code, e.message, e.messageVi, e.details);
  throw e;
}

export const feedbackErrors = {
  notFound: (id: number | string) => errors.notFound('feedback', id, 'phản ánh, kiến nghị'),
  tenantUnknown: (code: string) => errors.notFound('tenant', code, 'hệ thống'),
  agencyUnknown: (identifier: string) =>
    errors.rule(
      'FEEDBACK_AGENCY_UNKNOWN',
      `No agency ${identifier} in this deployment`,
      `Không có cơ quan ${identifier} trong hệ thống này`,
      { agency: identifier },
    ),
  procedureUnknown: (code: string) =>
    errors.rule('FEEDBACK_PROCEDURE_UNKNOWN', `Procedure ${code} is unknown`, `Không có thủ tục ${code}`, {
      procedureCode: code,
    }),
  dossierUnknown: (code: string) =>
    errors.rule(
      'FEEDBACK_DOSSIER_UNKNOWN',
      `No dossier ${code} in this deployment`,
      `Không tìm thấy hồ sơ ${code}`,
      { dossierCode: code },
    ),
  contactRequired: () =>
    errors.rule(
      'FEEDBACK_CONTACT_REQUIRED',
      'Without signing in, give your name and a phone number or an e-mail address to be answered',
      'Khi không đăng nhập, cần ghi họ tên và số điện thoại hoặc thư điện tử để nhận trả lời',
    ),
  keyReused: (key: string) =>
    errors.rule(
      'IDEMPOTENCY_KEY_REUSED',
      'This request id was already used for a different request',
      'Mã yêu cầu này đã được dùng cho một yêu cầu khác',
      { key },
    ),
  versionConflict: (expected: number, current: FeedbackView) =>
    errors.conflict(
      'VERSION_CONFLICT',
      `The feedback changed: it is at version ${current.version}, not ${expected}`,
      'Phản ánh, kiến nghị vừa được cập nhật bởi người khác; vui lòng tải lại và thực hiện lại',
      { expectedVersion: expected, currentVersion: current.version, feedback: current },
    ),
};
