/**
 * Prepares a PDF for signing by appending an incremental update (ISO 32000-1 §7.5.6): a signature
 * dictionary with a /ByteRange placeholder and zero-filled /Contents, an invisible signature field
 * on the first page, the page's /Annots and the catalog's /AcroForm. The original bytes stay as
 * they were, so a signature already in the file (a leader's, made with a token) stays valid.
 *
 * pdf-lib reads the document (classic cross-reference tables, cross-reference and object streams
 * alike); this module only serialises the few changed objects and the update's cross-reference
 * section, of the same kind as the file's last one. A file whose cross-reference cannot be found
 * (broken offsets that readers repair silently) is rewritten once by pdf-lib first, which is
 * harmless for an unsigned file and refused for a signed one.
 */
import {
  PDFArray,
  type PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRef,
  PDFString,
} from 'pdf-lib';
import { sniff } from '../files/sniff.js';
import { signingErrors } from './errors.js';

/** The byte-range placeholder @signpdf/signpdf looks for and fills in. */
export const BYTE_RANGE_PLACEHOLDER = '/ByteRange [0 /********** /********** /**********]';

export interface SignatureFields {
  reason: string;
  location: string;
  name: string;
  contactInfo?: string | undefined;
  signingTime: Date;
}

/** Parses a PDF with pdf-lib; refuses what is not one. Encrypted files parse (verification). */
export async function loadPdf(pdf: Buffer): Promise<PDFDocument> {
  const sniffed = sniff(pdf.subarray(0, 16));
  if (sniffed.kind !== 'pdf') throw signingErrors.notPdf(sniffed.detected);
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
      // objects parsed between yields to the event loop (a 20 MiB upload must not stall requests)
      parseSpeed: 500,
    });
  } catch (e) {
    throw signingErrors.malformed((e as Error).message);
  }
  // pdf-lib accepts a file without a catalog and fails later
  if (!((doc.catalog as unknown) instanceof PDFDict))
    throw signingErrors.malformed('the document has no catalog');
  return doc;
}

interface LastXref {
  offset: number;
  kind: 'table' | 'stream';
  size: number;
}

// The last startxref must point at "xref" (a table) or at "n g obj" (a cross-reference stream).
function lastXref(pdf: Buffer): LastXref | null {
  const at = pdf.lastIndexOf('startxref');
  if (at < 0) return null;
  const m = /^startxref\s+(\d+)/.exec(pdf.subarray(at, at + 40).toString('latin1'));
  if (!m) return null;
  const offset = Number(m[1]);
  if (offset >= at) return null;
  const head = pdf.subarray(offset, offset + 40).toString('latin1');
  let dict: string;
  let kind: LastXref['kind'];
  if (/^xref\s/.test(head)) {
    kind = 'table';
    const trailer = pdf.indexOf('trailer', offset);
    if (trailer < 0 || trailer > at) return null;
    dict = pdf.subarray(trailer, at).toString('latin1');
  } else if (/^\d+\s+\d+\s+obj\b/.test(head)) {
    kind = 'stream';
    const stream = pdf.indexOf('stream', offset);
    if (stream < 0 || stream > at) return null;
    dict = pdf.subarray(offset, stream).toString('latin1');
    if (!/\/Type\s*\/XRef\b/.test(dict)) return null;
  } else return null;
  const size = /\/Size\s+(\d+)/.exec(dict);
  return size ? { offset, kind, size: Number(size[1]) } : null;
}

const NAME = (n: string) => PDFName.of(n);
const text = (s: string) => PDFHexString.fromText(s.normalize('NFC')).toString();

/** Field names already used at the top of the form, so ours is new. */
function fieldNames(context: PDFContext, fields: PDFArray | undefined): Set<string> {
  const names = new Set<string>();
  for (const f of fields?.asArray() ?? []) {
    const dict = context.lookup(f);
    const t = dict instanceof PDFDict ? dict.lookup(NAME('T')) : undefined;
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
  }
  return names;
}

export interface Placeholder {
  pdf: Buffer;
  fieldName: string;
}

/**
 * Appends the signature field and its dictionary, with `reservedBytes` of room for the CMS. The
 * dictionary's /SubFilter is ETSI.CAdES.detached (PAdES); /M carries the signing time.
 */
export async function addSignaturePlaceholder(
  original: Buffer,
  fields: SignatureFields,
  reservedBytes: number,
): Promise<Placeholder> {
  let pdf = original;
  let doc = await loadPdf(pdf);
  if (doc.isEncrypted) throw signingErrors.encrypted();
  let xref = lastXref(pdf);
  if (!xref) {
    if (pdf.includes('/ByteRange'))
      throw signingErrors.malformed('the cross-reference section cannot be found in a signed file');
    pdf = Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
    doc = await loadPdf(pdf);
    xref = lastXref(pdf);
    if (!xref) throw signingErrors.malformed('the cross-reference section cannot be found');
  }
  const { context } = doc;
  const catalogRef = context.trailerInfo.Root;
  if (!(catalogRef instanceof PDFRef))
    throw signingErrors.malformed('the document catalog is not an indirect object');
  const page = doc.getPages()[0];
  if (!page) throw signingErrors.malformed('the document has no page');

  let next = Math.max(xref.size, context.largestObjectNumber + 1);
  const newRef = () => PDFRef.of(next++, 0);
  const sigRef = newRef();
  const widgetRef = newRef();
  const changed = new Map<PDFRef, string>();

  // the form: /AcroForm in the catalog, direct or indirect, its /Fields likewise
  const catalog = doc.catalog;
  const rawForm = catalog.get(NAME('AcroForm'));
  let form: PDFDict;
  let formRef: PDFRef | null = null;
  if (rawForm instanceof PDFRef) {
    const looked = context.lookup(rawForm);
    if (!(looked instanceof PDFDict)) throw signingErrors.malformed('/AcroForm is not a dictionary');
    form = looked;
    formRef = rawForm;
  } else if (rawForm instanceof PDFDict) {
    form = rawForm;
  } else {
    formRef = newRef();
    form = context.obj({}) as PDFDict;
    catalog.set(NAME('AcroForm'), formRef);
    changed.set(catalogRef, catalog.toString());
  }
  const rawFields = form.get(NAME('Fields'));
  const fieldsArray = rawFields instanceof PDFRef ? context.lookup(rawFields) : rawFields;
  const taken = fieldNames(context, fieldsArray instanceof PDFArray ? fieldsArray : undefined);
  let n = 1;
  while (taken.has(`Signature${n}`)) n++;
  const fieldName = `Signature${n}`;
  if (fieldsArray instanceof PDFArray) {
    fieldsArray.push(widgetRef);
    if (rawFields instanceof PDFRef) changed.set(rawFields, fieldsArray.toString());
  } else {
    form.set(NAME('Fields'), context.obj([widgetRef]));
  }
  const flags = form.lookup(NAME('SigFlags'));
  // SignaturesExist | AppendOnly (Table 225): tools must append after a signature, never rewrite
  form.set(NAME('SigFlags'), PDFNumber.of((flags instanceof PDFNumber ? flags.asNumber() : 0) | 3));
  if (formRef) changed.set(formRef, form.toString());
  else changed.set(catalogRef, catalog.toString());

  // the first page's /Annots, direct or indirect
  const rawAnnots = page.node.get(NAME('Annots'));
  const annots = rawAnnots instanceof PDFRef ? context.lookup(rawAnnots) : rawAnnots;
  if (annots instanceof PDFArray) {
    annots.push(widgetRef);
    if (rawAnnots instanceof PDFRef) changed.set(rawAnnots, annots.toString());
    else changed.set(page.ref, page.node.toString());
  } else {
    page.node.set(NAME('Annots'), context.obj([widgetRef]));
    changed.set(page.ref, page.node.toString());
  }

  // invisible (zero rectangle), printed and locked, as PAdES allows
  changed.set(
    widgetRef,
    `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T ${text(fieldName)}\n/V ${sigRef}\n/P ${page.ref}\n/Rect [0 0 0 0]\n/F 132\n>>`,
  );
  // /Contents after /ByteRange: @signpdf/signpdf looks for it there
  const optional = fields.contactInfo ? `/ContactInfo ${text(fields.contactInfo)}\n` : '';
  changed.set(
    sigRef,
    `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n${BYTE_RANGE_PLACEHOLDER}\n/Contents <${'0'.repeat(reservedBytes * 2)}>\n/M ${PDFString.fromDate(fields.signingTime)}\n/Name ${text(fields.name)}\n/Reason ${text(fields.reason)}\n/Location ${text(fields.location)}\n${optional}/Prop_Build << /App << /Name /MotCua >> >>\n>>`,
  );

  const chunks: Buffer[] = [
    pdf.at(-1) === 0x0a || pdf.at(-1) === 0x0d ? pdf : Buffer.concat([pdf, Buffer.from('\n')]),
  ];
  let offset = chunks[0]!.length;
  const offsets = new Map<number, { offset: number; generation: number }>();
  const append = (s: string | Buffer) => {
    const b = typeof s === 'string' ? Buffer.from(s, 'latin1') : s;
    chunks.push(b);
    offset += b.length;
  };
  for (const [ref, body] of [...changed].sort(([a], [b]) => a.objectNumber - b.objectNumber)) {
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    append(`${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`);
  }
  const trailer = trailerEntries(context, catalogRef, xref.offset);
  const xrefOffset = offset;
  if (xref.kind === 'table') {
    append(`xref\n${xrefTable(offsets)}trailer\n<<\n/Size ${next}\n${trailer}>>\n`);
  } else {
    const self = next++;
    offsets.set(self, { offset: xrefOffset, generation: 0 });
    const { index, data } = xrefStreamData(offsets);
    append(
      `${self} 0 obj\n<<\n/Type /XRef\n/Size ${next}\n/W [1 4 2]\n/Index [${index}]\n${trailer}/Length ${data.length}\n>>\nstream\n`,
    );
    append(data);
    append('\nendstream\nendobj\n');
  }
  append(`startxref\n${xrefOffset}\n%%EOF\n`);
  return { pdf: Buffer.concat(chunks), fieldName };
}

function trailerEntries(context: PDFContext, root: PDFRef, prev: number): string {
  const { Info, ID } = context.trailerInfo;
  const entry = (key: string, value: PDFObject | undefined) => (value ? `/${key} ${value.toString()}\n` : '');
  return `/Root ${root}\n${entry('Info', Info)}${entry('ID', ID)}/Prev ${prev}\n`;
}

/** Consecutive object numbers as [first count] runs. */
function runs(numbers: number[]): [number, number[]][] {
  const out: [number, number[]][] = [];
  for (const n of numbers.sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && last[0] + last[1].length === n) last[1].push(n);
    else out.push([n, [n]]);
  }
  return out;
}

function xrefTable(offsets: Map<number, { offset: number; generation: number }>): string {
  return runs([...offsets.keys()])
    .map(
      ([first, nums]) =>
        `${first} ${nums.length}\n${nums
          .map((num) => {
            const e = offsets.get(num)!;
            // each entry is exactly 20 bytes (§7.5.4)
            return `${String(e.offset).padStart(10, '0')} ${String(e.generation).padStart(5, '0')} n\r\n`;
          })
          .join('')}`,
    )
    .join('');
}

function xrefStreamData(offsets: Map<number, { offset: number; generation: number }>): {
  index: string;
  data: Buffer;
} {
  const groups = runs([...offsets.keys()]);
  const data = Buffer.alloc(offsets.size * 7);
  let at = 0;
  for (const [, nums] of groups)
    for (const num of nums) {
      const e = offsets.get(num)!;
      data.writeUInt8(1, at);
      data.writeUInt32BE(e.offset, at + 1);
      data.writeUInt16BE(e.generation, at + 5);
      at += 7;
    }
  return { index: groups.map(([first, nums]) => `${first} ${nums.length}`).join(' '), data };
}
