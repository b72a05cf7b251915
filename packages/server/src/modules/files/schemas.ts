/**
 * Request and response shapes of the files API. Uploads are multipart/form-data, read as a stream
 * (routes.ts), so they have no body schema: their text fields are checked here, as the fields a
 * form sends, before the file part is read.
 */
import { type Static, Type } from '@sinclair/typebox';
import { StringEnum } from '../../http/schemas.js';

const Instant = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ComponentParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  componentId: Type.Integer({ minimum: 1 }),
});

export const FileIdParams = Type.Object({ fileId: Type.Integer({ minimum: 1 }) });

export const FileQuery = Type.Object({
  disposition: Type.Optional(
    StringEnum(['attachment', 'inline'] as const, {
      description: 'inline shows a PDF or an image in the browser; anything else is always downloaded',
    }),
  ),
});

export const UploadedBy = Type.Union([
  Type.Object({
    kind: Type.Literal('officer'),
    staffId: Type.Integer(),
    role: Type.String(),
    agency: Type.String(),
  }),
  Type.Object({ kind: Type.Literal('applicant'), citizenId: Type.Integer() }),
  Type.Object({ kind: Type.Literal('system') }),
]);

export const DossierFileView = Type.Object({
  id: Type.Integer(),
  dossierId: Type.Integer(),
  componentId: Type.Union([Type.Integer(), Type.Null()]),
  purpose: StringEnum(['component', 'result', 'form'] as const),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  size: Type.Integer(),
  kind: Type.String({ description: 'the type detected from the bytes: pdf, jpeg, png, tiff, docx, …' }),
  mimeType: Type.String(),
  filename: Nullable(Type.String()),
  reused: Type.Boolean({ description: 'taken from the applicant’s data store (DuocTaiSuDung)' }),
  reusedFrom: Type.Union([Type.Integer(), Type.Null()]),
  uploadedBy: UploadedBy,
  createdAt: Instant,
});
export type DossierFileView = Static<typeof DossierFileView>;

export const DossierFileList = Type.Object({ items: Type.Array(DossierFileView) });

export const ComponentView = Type.Object({
  id: Type.Integer(),
  dossierId: Type.Integer(),
  documentCode: Nullable(Type.String()),
  name: Type.String(),
  provided: Type.Boolean(),
  digitisedAt: Nullable(Instant),
  digitisedBy: Type.Union([Type.Integer(), Type.Null()]),
});
export type ComponentView = Static<typeof ComponentView>;

export const CitizenDocumentView = Type.Object({
  id: Type.Integer(),
  kind: StringEnum(['document', 'result'] as const),
  name: Type.String(),
  documentCode: Nullable(Type.String()),
  resultCode: Nullable(Type.String()),
  sha256: Type.String(),
  size: Type.Integer(),
  fileKind: Type.String(),
  mimeType: Type.String(),
  filename: Nullable(Type.String()),
  issuer: Type.Object({
    agencyId: Type.Union([Type.Integer(), Type.Null()]),
    agencyIdentifier: Nullable(Type.String()),
    name: Nullable(Type.String()),
  }),
  sourceDossier: Type.Union([
    Type.Object({ id: Type.Integer(), code: Nullable(Type.String()) }),
    Type.Null(),
  ]),
  validFrom: IsoDate,
  validUntil: Nullable(IsoDate),
  /** valid on the date asked for (today by default) */
  valid: Type.Boolean(),
  createdAt: Instant,
});
export type CitizenDocumentView = Static<typeof CitizenDocumentView>;

export const UploadResponse = Type.Object({
  file: DossierFileView,
  /** the stored document, when the citizen asked to keep the upload in their data store */
  document: Type.Optional(CitizenDocumentView),
});

export const CitizenDocumentQuery = Type.Object({
  validOn: Type.Optional(
    Type.String({ format: 'date', description: 'only documents valid on this day (YYYY-MM-DD)' }),
  ),
  kind: Type.Optional(StringEnum(['document', 'result'] as const)),
  documentCode: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

export const CitizenDocumentList = Type.Object({ items: Type.Array(CitizenDocumentView) });

export const DocumentIdParams = Type.Object({ documentId: Type.Integer({ minimum: 1 }) });

export const ReuseBody = Type.Object(
  { documentId: Type.Integer({ minimum: 1, description: 'a document of the citizen’s data store' }) },
  { additionalProperties: false },
);

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

/** The text fields of a data-store upload (multipart fields before the file). */
export const DocumentFields = Type.Object(
  {
    name: Text(500),
    documentCode: Type.Optional(Text(100)),
    issuer: Type.Optional(Text(300)),
    validFrom: Type.Optional(IsoDate),
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type DocumentFields = Static<typeof DocumentFields>;

/** The text fields of a component upload: a citizen may keep the file in their data store too. */
export const ComponentUploadFields = Type.Object(
  {
    keep: Type.Optional(
      StringEnum(['true', 'false'] as const, {
        description: 'citizens: also keep the file in my data store, to reuse in a later dossier',
      }),
    ),
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type ComponentUploadFields = Static<typeof ComponentUploadFields>;

/** A result file has no fields. */
export const NoFields = Type.Object({}, { additionalProperties: false });
