/**
 * Typed failures of the calendar and deadline functions. They never return a sentinel date and
 * never swallow an error (a peer system silently answered 0001-01-01): the caller gets a code and
 * a message in both languages, and the server turns it into a 400.
 */
export type CalendarErrorCode =
  | 'INVALID_INSTANT'
  | 'INVALID_DATE'
  | 'INVALID_PERIOD'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'UNKNOWN_UNIT'
  | 'PAUSE_INVALID'
  | 'PAUSE_OVERLAP'
  | 'PAUSE_BEFORE_RECEIPT'
  | 'CALENDAR_EXHAUSTED';

export class CalendarError extends Error {
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}
