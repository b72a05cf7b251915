/**
 * The facts of one dossier that the indicators and the periodic report count (timeliness.ts
 * DossierFacts, report.ts ReportFacts), derived from its log. MotCua keeps them per dossier in a
 * read model updated in each action's transaction (server modules/monitoring): most of them are a
 * function of the dossier's state after the action (`factsOfState`); the history of the due
 * instant is not in the state, so it is folded action by action (`foldFacts`), the same fold the
 * rebuild from the log runs (`factsOfLog`), which must reproduce the live read model exactly.
 */
import type { DossierAction } from '../lifecycle/actions.js';
import { apply, type DossierSnapshot, EMPTY_DOSSIER } from '../lifecycle/machine.js';
import type { ReportFacts } from './report.js';

export interface LoggedFacts extends ReportFacts {
  dueAt: number | null;
  rating: number | null;
  /** the log's version these facts are folded up to */
  version: number;
}

export const EMPTY_FACTS: LoggedFacts = {
  channel: null,
  receivedAt: null,
  refusedAt: null,
  dueHistory: [],
  end: null,
  withdrawnAt: null,
  pauses: [],
  supplementRequests: 0,
  apologiesAt: [],
  dueAt: null,
  rating: null,
  version: 0,
};

/** Everything but the due instant's history: what the state after an action says. */
export function factsOfState(s: DossierSnapshot): Omit<LoggedFacts, 'dueHistory'> {
  const endedAt = s.finishedAt ?? s.lastActionAt;
  return {
    channel: s.channel,
    receivedAt: s.receivedAt,
    refusedAt: s.status === 'refused' ? s.lastActionAt : null,
    end:
      (s.status === 'result_ready' || s.status === 'returned') && s.finishedAt !== null
        ? { kind: 'result', at: s.finishedAt }
        : s.status === 'stopped' && endedAt !== null
          ? { kind: 'stopped', at: endedAt }
          : null,
    // withdrawal ends the log: the last action is the withdrawal
    withdrawnAt: s.status === 'withdrawn' ? s.lastActionAt : null,
    pauses: s.pauses,
    supplementRequests: s.supplementRequests,
    apologiesAt: s.apologies.map((x) => x.at),
    dueAt: s.dueAt,
    rating: s.rating,
    version: s.version,
  };
}

/**
 * The facts after `action`, from the facts before it and the state it led to. The due instant's
 * history gains an entry, from the action's instant, whenever the due instant changes.
 */
export function foldFacts(before: LoggedFacts, action: DossierAction, after: DossierSnapshot): LoggedFacts {
  const dueHistory =
    after.dueAt !== null && after.dueAt !== before.dueAt
      ? [...before.dueHistory, { from: action.at, dueAt: after.dueAt }]
      : before.dueHistory;
  return { ...factsOfState(after), dueHistory };
}

/** The facts of a whole log (the rebuild). */
export function factsOfLog(log: readonly DossierAction[]): LoggedFacts {
  let s = EMPTY_DOSSIER;
  let f = EMPTY_FACTS;
  for (const a of log) {
    s = apply(s, a);
    f = foldFacts(f, a, s);
  }
  return f;
}
