/**
 * The procedures of the demo deployment `ha-noi`: reviewed versions of eleven real national
 * procedures (codes and names from data/procedures), common at commune and provincial level after
 * the 2025 reform, with time limits on every channel, fees, documents by case, e-forms and the
 * internal workflows of the implementing agencies. 1.013978 (first land registration) is the
 * liên thông one: commune → Sở Nông nghiệp và Môi trường, two agencies at two levels.
 *
 * What the national records could not give is completed from the law and marked in the data:
 * units of bare "1" limits, limits missing on the portal, council-set fees left without amount.
 */
import type { ProcedureContent, WorkflowDefinition } from '@motcua/core';
import { BIRTH } from './procedures/birth.js';
import { BUILDING_PERMIT_COMMUNE, BUILDING_PERMIT_PROVINCE } from './procedures/building-permits.js';
import { CERTIFICATE_EXCHANGE } from './procedures/certificate-exchange.js';
import { COPY_CERTIFICATION, SIGNATURE_CERTIFICATION } from './procedures/certification.js';
import { EXTRACT_COPIES } from './procedures/civil-extracts.js';
import { DEATH } from './procedures/death.js';
import { HOUSEHOLD_BUSINESS } from './procedures/household-business.js';
import { FIRST_LAND_REGISTRATION } from './procedures/land-registration.js';
import { MARRIAGE } from './procedures/marriage.js';

export interface DemoProcedure {
  /** national code, must exist in the catalogue */
  code: string;
  /** the complete, reviewed version */
  content: ProcedureContent;
  /** agency keys from definitions.ts, e.g. 'stp' */
  implementedBy: { communes: 'all' | 'none'; provincial: string[] };
  /** the one-stop agency whose receiving officers receive and return (provincial: 'ttpvhcc'); communes receive themselves */
  receivingAgency?: string;
  /** one per implementing agency kind: 'commune' or a provincial key */
  workflows: { agency: 'commune' | string; definition: WorkflowDefinition }[];
  /** Hà Nội People's Council amounts where the fee is council-set (none grounded yet: see the fee texts) */
  feeOverrides?: { label: string; amountVnd: number; note: string }[];
}

export const DEMO_PROCEDURES: DemoProcedure[] = [
  BIRTH,
  MARRIAGE,
  DEATH,
  EXTRACT_COPIES,
  COPY_CERTIFICATION,
  SIGNATURE_CERTIFICATION,
  HOUSEHOLD_BUSINESS,
  BUILDING_PERMIT_COMMUNE,
  BUILDING_PERMIT_PROVINCE,
  FIRST_LAND_REGISTRATION,
  CERTIFICATE_EXCHANGE,
];

export { DEMO_FORM_SAMPLES } from './procedures/samples.js';
