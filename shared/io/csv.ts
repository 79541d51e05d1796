/**
 * RFC 4180 CSV parsing (quoted fields, doubled quotes, CRLF). Pure: works on a string, so it runs
 * in workers, tests and the renderer alike. Rows that do not have the header's field count are
 * reported in `errors` with their 1-based line number instead of being silently dropped.
 */
export interface CsvTable {
  header: string[];
  rows: Record<string, string>[];
  errors: CsvRowError[];
}

export interface CsvRowError {
  line: number;
  message: string;
}

/** Splits CSV text into records of raw fields. Line numbers are 1-based and count physical lines. */
export function parseCsvRecords(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let sawAny = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    sawAny = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (!sawAny) {
      recordLine = line;
      sawAny = true;
    }
    if (ch === '"') {
      inQuotes = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
    } else {
      field += ch;
    }
  }
  if (sawAny || field !== '' || fields.length > 0) endRecord();
  if (records.length > 0 && text.charCodeAt(0) === 0xfeff) {
    const first = records[0];
    if (first && first.fields[0] !== undefined)
      first.fields[0] = first.fields[0].replace(/^\uFEFF/, '');
  }
  return records;
}

/** Parses CSV text with a header row into objects keyed by (trimmed) header names. */
export function parseCsv(text: string): CsvTable {
  const records = parseCsvRecords(text);
  const head = records[0];
  if (!head)
    return { header: [], rows: [], errors: [{ line: 1, message: 'empty file: no header row' }] };
  const header = head.fields.map((h) => h.trim());
  const rows: Record<string, string>[] = [];
  const errors: CsvRowError[] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r] as { fields: string[]; line: number };
    if (rec.fields.length !== header.length) {
      errors.push({
        line: rec.line,
        message: `expected ${header.length} fields, found ${rec.fields.length}`,
      });
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, c) => {
      row[name] = rec.fields[c] as string;
    });
    rows.push(row);
  }
  return { header, rows, errors };
}

/** Parses a numeric CSV field; returns undefined for blank, NaN or non-numeric text. */
export function csvNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  if (t === '' || /^(nan|none|null|na|n\/a)$/i.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}
