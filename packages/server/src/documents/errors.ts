/**
 * Typed refusals of the document renderers. They belong to the server's DomainError family, so
 * the HTTP layer maps them like any other refusal once the lead wires the renderers to dossiers.
 */
import { DomainError } from '../errors.js';
import type { FormCode, FormSetId } from './form-sets.js';

/** The form does not exist in the set in force, e.g. a stop notice for a dossier received in 2024. */
export class FormNotInSetError extends DomainError {
  constructor(
    readonly formCode: FormCode,
    readonly formSet: FormSetId,
  ) {
    super(
      422,
      'FORM_NOT_IN_SET',
      `Form ${formCode} does not exist in the ${formSet} form set`,
      `Biểu mẫu ${formCode} không có trong bộ biểu mẫu ${formSet}`,
      { formCode, formSet },
    );
    this.name = 'FormNotInSetError';
  }
}

/** A field the renderer cannot print faithfully (an instant without offset, an empty name…). */
export class DocumentInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
    messageVi: string,
  ) {
    super(400, 'INVALID_DOCUMENT_INPUT', `${field}: ${message}`, `${field}: ${messageVi}`, { field });
    this.name = 'DocumentInputError';
  }
}
